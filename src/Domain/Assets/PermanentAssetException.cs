namespace Pipeline.Domain.Assets;

/// <summary>An asset failed with a permanent error (see <see cref="FailureKind.Permanent"/>).</summary>
public sealed class PermanentAssetException : AssetFailureException
{
    public PermanentAssetException(string assetId, string message, Exception? innerException = null)
        : base(assetId, message, innerException)
    {
    }

    public PermanentAssetException()
        : this(string.Empty, "Permanent asset failure")
    {
    }

    public PermanentAssetException(string message)
        : this(string.Empty, message)
    {
    }

    public PermanentAssetException(string message, Exception innerException)
        : this(string.Empty, message, innerException)
    {
    }

    public override FailureKind Kind => FailureKind.Permanent;
}
