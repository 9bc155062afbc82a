using System.Text.Json.Serialization;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Status;

/// <summary>
/// One entry of a job's execution-step log: what ran (stage, step, asset, attempt), how it ended, and the reference to
/// its result. An asset has one entry per attempt: attempts that failed and were retried are <see cref="AssetStatus.Failed"/>
/// with their <see cref="Error"/>; the last attempt carries the asset's final status (and, when it succeeded, its blob).
/// Times are workflow time: when the attempt was scheduled and when its result was read. <see cref="Sequence"/> is assigned by the sender and increases strictly per sender (see
/// <see cref="RecordStepsBatch.Source"/>); it is what makes recording idempotent.
/// </summary>
public sealed record StepRecord
{
    public required long Sequence { get; init; }

    public required string Stage { get; init; }

    /// <summary>The step's name: the activity that ran, or the stage for the asset steps a fan-out reports.</summary>
    public required string Name { get; init; }

    /// <summary>The asset the step worked on; null for a step that belongs to the stage as a whole.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AssetId { get; init; }

    /// <summary>The attempt, from 1.</summary>
    public int Attempt { get; init; } = 1;

    public required AssetStatus Status { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? StartedAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? EndedAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AssetError? Error { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BlobRef? Blob { get; init; }

    /// <summary>
    /// For a failed attempt that was retried: the wait the provider asked for (its Retry-After, in milliseconds, cut to
    /// the retry's maximum interval) when it named one — the next attempt started no sooner than that after this one ended.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? RetryAfterMs { get; init; }

    /// <summary>What the provider reported using for the asset, on the attempt that produced it; null when nothing was reported.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MediaUsage? Usage { get; init; }
}
