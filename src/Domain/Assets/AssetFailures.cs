using Pipeline.Domain.Media;

namespace Pipeline.Domain.Assets;

/// <summary>Turns a generator's classified failure into the asset exception whose type the retry policy reads.</summary>
public static class AssetFailures
{
    public static AssetFailureException From(string assetId, GenerationException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var message = $"{assetId}: {failure.Provider}: {failure.Message}";
        return failure.Kind switch
        {
            FailureKind.Transient => new TransientAssetException(assetId, message, failure),
            FailureKind.Permanent => new PermanentAssetException(assetId, message, failure),
            _ => new UnknownAssetException(assetId, message, failure),
        };
    }
}
