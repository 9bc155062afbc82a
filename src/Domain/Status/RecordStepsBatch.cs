using System.Text.Json.Serialization;
using Pipeline.Domain.Assets;

namespace Pipeline.Domain.Status;

/// <summary>
/// Input of <see cref="JobStatusEntity.RecordSteps"/>: steps from one sender (e.g. the instance id of the
/// orchestration that ran them), whose sequence numbers increase strictly per sender. Signals from one sender to
/// one entity arrive in order, so a step at or below the sender's highest applied sequence is a redelivery.
/// Steps come as full records (<see cref="Steps"/>), or — when they share a stage, a step name and a reporting time, as
/// a fan-out's completions do — as compact <see cref="Assets"/>: those three are said once, each asset becomes one step
/// per attempt, and the steps are numbered from <see cref="First"/> in list order.
/// </summary>
public sealed record RecordStepsBatch
{
    /// <summary>Stands for the asset id in <see cref="Keys"/>.</summary>
    public const char AssetIdPlaceholder = '*';

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

    /// <summary>When the batch was sent (workflow time, whole milliseconds); the times of <see cref="Assets"/> count back from it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? At { get; init; }

    /// <summary>The sequence number of the first step of <see cref="Assets"/>; the next ones follow without gaps.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long First { get; init; }

    /// <summary>
    /// The blob key of a succeeded asset of <see cref="Assets"/>, with <see cref="AssetIdPlaceholder"/> for its id
    /// (e.g. <c>jobs/j/images/*.png</c>); an asset whose key differs names its own <see cref="AssetStep.Key"/>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Keys { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AssetStep>? Assets { get; init; }

    /// <summary>True when the <see cref="Stage"/> ends with this batch, at <see cref="At"/> (saves a signal of its own).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool CompletesStage { get; init; }

    /// <summary>How many steps <paramref name="asset"/> becomes: one per attempt.</summary>
    public static int StepsOf(AssetStep asset) => 1 + (asset?.Failures?.Count ?? 0);

    /// <summary>Every step of the batch as a full record, in sequence order.</summary>
    public IEnumerable<StepRecord> AllSteps() => StepsWithBlobKeys().Select(s => s.Step);

    /// <summary>
    /// Every step of the batch as a full record, in sequence order, with the blob key of each succeeded compact asset
    /// (its length, type and digest are the stored blob's, which the entity reads).
    /// </summary>
    public IEnumerable<(StepRecord Step, string? BlobKey)> StepsWithBlobKeys()
    {
        var assets = Assets ?? [];
        if (assets.Count > 0 && (string.IsNullOrEmpty(Stage) || At is null || First < 1))
        {
            throw new ArgumentException(
                $"A batch with {nameof(Assets)} must give their {nameof(Stage)}, {nameof(At)} and {nameof(First)} sequence number (1 or more).", nameof(Assets));
        }

        return (Steps ?? []).Select(s => (s, (string?)null)).Concat(Expand(assets)).OrderBy(s => s.Item1.Sequence);
    }

    private IEnumerable<(StepRecord, string?)> Expand(IReadOnlyList<AssetStep> assets)
    {
        var sequence = First;
        foreach (var asset in assets)
        {
            var failures = asset.Failures ?? [];
            for (var i = 0; i < failures.Count; i++)
            {
                yield return (Step(sequence++, asset.AssetId, i + 1, AssetStatus.Failed, failures[i].StartMs, failures[i].EndMs, failures[i].Error) with { RetryAfterMs = failures[i].RetryAfterMs }, null);
            }

            var key = asset.Status == AssetStatus.Succeeded ? asset.Key ?? Keys?.Replace(AssetIdPlaceholder.ToString(), asset.AssetId, StringComparison.Ordinal) : null;
            yield return (Step(sequence++, asset.AssetId, failures.Count + 1, asset.Status, asset.StartMs, asset.EndMs, asset.Error) with { Usage = asset.Usage }, key);
        }
    }

    private StepRecord Step(long sequence, string assetId, int attempt, AssetStatus status, long? startMs, long endMs, AssetError? error) => new()
    {
        Sequence = sequence,
        Stage = Stage!,
        Name = Name ?? Stage!,
        AssetId = assetId,
        Attempt = attempt,
        Status = status,
        StartedAt = startMs is { } start ? At!.Value.AddMilliseconds(-start) : null,
        EndedAt = At!.Value.AddMilliseconds(-endMs),
        Error = error,
    };
}
