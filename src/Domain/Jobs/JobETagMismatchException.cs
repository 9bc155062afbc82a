namespace Pipeline.Domain.Jobs;

/// <summary>
/// A conditional replace of a job record lost the race: the stored record is no longer at <see cref="ExpectedETag"/>.
/// Thrown by <see cref="IJobDocumentStore"/>; <see cref="JobRecordStore"/> answers it by re-reading and re-applying.
/// </summary>
public sealed class JobETagMismatchException : Exception
{
    public JobETagMismatchException(string jobId, string expectedETag, Exception? innerException = null)
        : base($"Job '{jobId}' changed since version {expectedETag} was read.", innerException)
    {
        JobId = jobId;
        ExpectedETag = expectedETag;
    }

    public JobETagMismatchException()
        : this(string.Empty, string.Empty)
    {
    }

    public JobETagMismatchException(string jobId, string message)
        : base(message)
    {
        JobId = jobId;
        ExpectedETag = string.Empty;
    }

    public string JobId { get; }

    public string ExpectedETag { get; }
}
