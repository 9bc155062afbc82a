namespace Pipeline.Domain.Status;

/// <summary>
/// The status state is over its limit and nothing is left to move to blobs (e.g. the open-asset index alone is too
/// large). Raised instead of silently truncating anything.
/// </summary>
public sealed class JobStatusStateTooLargeException : InvalidOperationException
{
    public JobStatusStateTooLargeException(string jobId, long sizeBytes, long limitBytes)
        : base($"The status state of job '{jobId}' is {sizeBytes} bytes after moving every step to blobs; the limit is {limitBytes} bytes (JobStatusOptions.OverflowThresholdBytes).")
    {
        JobId = jobId;
        SizeBytes = sizeBytes;
        LimitBytes = limitBytes;
    }

    public JobStatusStateTooLargeException()
        : this(string.Empty, 0, 0)
    {
    }

    public JobStatusStateTooLargeException(string message)
        : base(message) => JobId = string.Empty;

    public JobStatusStateTooLargeException(string message, Exception innerException)
        : base(message, innerException) => JobId = string.Empty;

    public string JobId { get; }

    public long SizeBytes { get; }

    public long LimitBytes { get; }
}
