namespace Pipeline.Domain.Assets;

/// <summary>An asset failed with a transient error (see <see cref="FailureKind.Transient"/>).</summary>
public sealed class TransientAssetException : AssetFailureException
{
    public TransientAssetException(string assetId, string message, Exception? innerException = null)
        : base(assetId, message, innerException)
    {
    }

    public TransientAssetException()
        : this(string.Empty, "Transient asset failure")
    {
    }

    public TransientAssetException(string message)
        : this(string.Empty, message)
    {
    }

    public TransientAssetException(string message, Exception innerException)
        : this(string.Empty, message, innerException)
    {
    }

    public override FailureKind Kind => FailureKind.Transient;

    /// <summary>
    /// The least time the provider asked to wait before the next attempt, when it named one (its message then carries
    /// it too, see <see cref="AssetFailures"/>: the message is what reaches the orchestration).
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }
}
