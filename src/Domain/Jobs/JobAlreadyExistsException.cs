namespace Pipeline.Domain.Jobs;

/// <summary>A job record was created with an id that already has one.</summary>
public sealed class JobAlreadyExistsException : Exception
{
    public JobAlreadyExistsException(string jobId, Exception? innerException = null)
        : base($"Job '{jobId}' already exists.", innerException) => JobId = jobId;

    public JobAlreadyExistsException()
        : this(string.Empty)
    {
    }

    public JobAlreadyExistsException(string jobId, string message)
        : base(message) => JobId = jobId;

    public string JobId { get; }
}
