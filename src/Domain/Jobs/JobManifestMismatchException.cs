namespace Pipeline.Domain.Jobs;

/// <summary>
/// A job record points to a manifest blob whose content is not the one it recorded (the blob was rewritten by a
/// writer whose record update then failed). Raised instead of returning a manifest that does not belong to the record.
/// </summary>
public sealed class JobManifestMismatchException : Exception
{
    public JobManifestMismatchException(string jobId, string blobKey, Exception? innerException = null)
        : base($"Job '{jobId}' references manifest blob '{blobKey}', but the blob no longer holds that manifest.", innerException)
    {
        JobId = jobId;
        BlobKey = blobKey;
    }

    public JobManifestMismatchException()
        : this(string.Empty, string.Empty)
    {
    }

    public JobManifestMismatchException(string jobId, string message)
        : base(message)
    {
        JobId = jobId;
        BlobKey = string.Empty;
    }

    public string JobId { get; }

    public string BlobKey { get; }
}
