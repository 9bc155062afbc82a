using System.Text.Json.Serialization;
using Pipeline.Domain.Assets;

namespace Pipeline.Domain.Status;

/// <summary>
/// One asset's step in the compact form of <see cref="RecordStepsBatch.Assets"/>: only what differs from asset to
/// asset. Sequence number, stage, step name and time come from the batch.
/// </summary>
public sealed record AssetStep(string AssetId, AssetStatus Status)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AssetError? Error { get; init; }
}
