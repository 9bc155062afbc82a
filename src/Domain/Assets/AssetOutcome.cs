using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Assets;

/// <summary>
/// The result of one asset: a few hundred bytes whatever the asset's size — its id, stage, status, the reference to
/// its blob when it succeeded, the error when it did not.
/// </summary>
public sealed record AssetOutcome(string AssetId, string Stage, AssetStatus Status, BlobRef? Blob = null, AssetError? Error = null)
{
    public static AssetOutcome Succeeded(string assetId, string stage, BlobRef blob) => new(assetId, stage, AssetStatus.Succeeded, blob);

    public static AssetOutcome Failed(string assetId, string stage, AssetError error) => new(assetId, stage, AssetStatus.Failed, Error: error);

    public static AssetOutcome Skipped(string assetId, string stage, string reason)
        => new(assetId, stage, AssetStatus.Skipped, Error: new AssetError(FailureKind.Permanent, "Skipped", reason));
}
