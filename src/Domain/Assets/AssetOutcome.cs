using System.Text.Json.Serialization;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Assets;

/// <summary>
/// The result of one asset: a few hundred bytes whatever the asset's size — its id, stage, status, the reference to
/// its blob when it succeeded, the error when it did not, and what the provider reported using for it (a few dozen bytes;
/// null, and left out, when nothing was reported).
/// </summary>
public sealed record AssetOutcome(string AssetId, string Stage, AssetStatus Status, BlobRef? Blob = null, AssetError? Error = null)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MediaUsage? Usage { get; init; }

    public static AssetOutcome Succeeded(string assetId, string stage, BlobRef blob) => new(assetId, stage, AssetStatus.Succeeded, blob);

    /// <summary>A succeeded asset with the usage its generator reported (null when it reported none).</summary>
    public static AssetOutcome Succeeded(string assetId, string stage, BlobRef blob, MediaUsage? usage) => new(assetId, stage, AssetStatus.Succeeded, blob) { Usage = usage };

    public static AssetOutcome Failed(string assetId, string stage, AssetError error) => new(assetId, stage, AssetStatus.Failed, Error: error);

    public static AssetOutcome Skipped(string assetId, string stage, string reason)
        => new(assetId, stage, AssetStatus.Skipped, Error: new AssetError(FailureKind.Permanent, "Skipped", reason));
}
