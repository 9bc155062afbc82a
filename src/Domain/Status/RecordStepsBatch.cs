using System.Text.Json.Serialization;

namespace Pipeline.Domain.Status;

/// <summary>
/// Input of <see cref="JobStatusEntity.RecordSteps"/>: steps from one sender (e.g. the instance id of the
/// orchestration that ran them), whose sequence numbers increase strictly per sender. Signals from one sender to
/// one entity arrive in order, so a step at or below the sender's highest applied sequence is a redelivery.
/// Steps come as full records (<see cref="Steps"/>), or — when they share a stage, a step name and an end time, as a
/// fan-out's completions do — as compact <see cref="Assets"/>: those three are said once, and the assets are numbered
/// from <see cref="First"/> in list order.
/// </summary>
public sealed record RecordStepsBatch
{
    /// <summary>Who sends; the <see cref="Stage"/> when absent (a job's own orchestration, one fan-out per stage).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Source { get; init; }

    /// <summary>The sender that sequence numbers are counted for.</summary>
    [JsonIgnore]
    public string Sender => Source ?? Stage ?? throw new ArgumentException($"A batch must name its {nameof(Source)} or {nameof(Stage)}.", nameof(Source));

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<StepRecord>? Steps { get; init; }

    /// <summary>The stage of every step in <see cref="Assets"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Stage { get; init; }

    /// <summary>The step name of every step in <see cref="Assets"/>; the stage's name when absent.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary>When the steps in <see cref="Assets"/> ended (the workflow time they were reported).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? At { get; init; }

    /// <summary>The sequence number of the first of <see cref="Assets"/>; the next ones follow without gaps.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long First { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AssetStep>? Assets { get; init; }

    /// <summary>Every step of the batch as a full record, in sequence order.</summary>
    public IEnumerable<StepRecord> AllSteps()
    {
        var assets = Assets ?? [];
        if (assets.Count > 0 && (string.IsNullOrEmpty(Stage) || At is null || First < 1))
        {
            throw new ArgumentException(
                $"A batch with {nameof(Assets)} must give their {nameof(Stage)}, {nameof(At)} and {nameof(First)} sequence number (1 or more).", nameof(Assets));
        }

        return (Steps ?? []).Concat(assets.Select((a, i) => new StepRecord
        {
            Sequence = First + i,
            Stage = Stage!,
            Name = Name ?? Stage!,
            AssetId = a.AssetId,
            Status = a.Status,
            EndedAt = At,
            Error = a.Error,
        })).OrderBy(s => s.Sequence);
    }
}
