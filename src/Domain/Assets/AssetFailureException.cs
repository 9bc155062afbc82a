namespace Pipeline.Domain.Assets;

/// <summary>
/// Thrown by an asset activity so the orchestration's retry policy sees the failure kind in the error type:
/// <see cref="FailureKind.Transient"/> and <see cref="FailureKind.Unknown"/> are retried, <see cref="FailureKind.Permanent"/> never.
/// </summary>
public abstract class AssetFailureException : Exception
{
    protected AssetFailureException(string assetId, string message, Exception? innerException)
        : base(message, innerException) => AssetId = assetId;

    public string AssetId { get; }

    public abstract FailureKind Kind { get; }
}
