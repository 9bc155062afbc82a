namespace Pipeline.Domain.Assets;

/// <summary>An asset failed with a unknown error (see <see cref="FailureKind.Unknown"/>).</summary>
public sealed class UnknownAssetException : AssetFailureException
{
    public UnknownAssetException(string assetId, string message, Exception? innerException = null)
        : base(assetId, message, innerException)
    {
    }

    public UnknownAssetException()
        : this(string.Empty, "Unknown asset failure")
    {
    }

    public UnknownAssetException(string message)
        : this(string.Empty, message)
    {
    }

    public UnknownAssetException(string message, Exception innerException)
        : this(string.Empty, message, innerException)
    {
    }

    public override FailureKind Kind => FailureKind.Unknown;
}
