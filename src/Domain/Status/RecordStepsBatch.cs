using System.Text.Json.Serialization;

namespace Pipeline.Domain.Status;

/// <summary>
/// Input of <see cref="JobStatusEntity.RecordSteps"/>: steps from one sender (e.g. the instance id of the
/// orchestration that ran them), whose sequence numbers increase strictly per sender. Signals from one sender to
/// one entity arrive in order, so a step at or below the sender's highest applied sequence is a redelivery.
/// Steps come as full records (<see cref="Steps"/>), or — when they share a stage, a step name and an end time, as a
/// fan-out's completions do — as compact <see cref="Assets"/> with those three said once.
/// </summary>
public sealed record RecordStepsBatch
{
    public required string Source { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<StepRecord>? Steps { get; init; }

    /// <summary>The stage of every step in <see cref="Assets"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Stage { get; init; }

    /// <summary>The step name (the activity) of every step in <see cref="Assets"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary>When the steps in <see cref="Assets"/> ended (the workflow time they were seen).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? At { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AssetStep>? Assets { get; init; }

    /// <summary>Every step of the batch as a full record, in sequence order.</summary>
    public IEnumerable<StepRecord> AllSteps()
    {
        var assets = Assets ?? [];
        if (assets.Count > 0 && (string.IsNullOrEmpty(Stage) || string.IsNullOrEmpty(Name) || At is null))
        {
            throw new ArgumentException($"A batch with {nameof(Assets)} must name their {nameof(Stage)}, {nameof(Name)} and {nameof(At)}.", nameof(Assets));
        }

        return (Steps ?? []).Concat(assets.Select(a => new StepRecord
        {
            Sequence = a.Sequence,
            Stage = Stage!,
            Name = Name!,
            AssetId = a.AssetId,
            Status = a.Status,
            EndedAt = At,
            Error = a.Error,
        })).OrderBy(s => s.Sequence);
    }
}
