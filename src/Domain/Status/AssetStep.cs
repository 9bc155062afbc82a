using System.Text.Json.Serialization;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Media;

namespace Pipeline.Domain.Status;

/// <summary>
/// One finished asset in the compact form of <see cref="RecordStepsBatch.Assets"/>: only what differs from asset to
/// asset. Sequence numbers, stage, step name and the time the batch was sent (<see cref="RecordStepsBatch.At"/>) come
/// from the batch; the asset's times are whole milliseconds before that time. It becomes one step per attempt: the
/// <see cref="Failures"/> that were retried (attempts 1, 2, …), then the last attempt with <see cref="Status"/>.
/// </summary>
public sealed record AssetStep(string AssetId, AssetStatus Status)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AssetError? Error { get; init; }

    /// <summary>Milliseconds from the start of the last attempt to the batch's time; null when unknown.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? StartMs { get; init; }

    /// <summary>Milliseconds from the end of the last attempt to the batch's time (0, left out, when it ended then).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long EndMs { get; init; }

    /// <summary>The key of the asset's blob when it succeeded and the batch's <see cref="RecordStepsBatch.Keys"/> does not give it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Key { get; init; }

    /// <summary>The attempts before the last one, oldest first (attempt 1, 2, …); null when the first attempt was the last.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FailedAttempt>? Failures { get; init; }

    /// <summary>What the provider reported using for the asset (on its last attempt); null when nothing was reported.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MediaUsage? Usage { get; init; }
}
