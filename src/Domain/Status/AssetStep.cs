using System.Text.Json.Serialization;
using Pipeline.Domain.Assets;

namespace Pipeline.Domain.Status;

/// <summary>
/// One asset's step in the compact form of <see cref="RecordStepsBatch.Assets"/>: only what differs from asset to
/// asset. Stage, step name and time are the batch's.
/// </summary>
public sealed record AssetStep(long Sequence, string AssetId, AssetStatus Status)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AssetError? Error { get; init; }
}
