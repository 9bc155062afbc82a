namespace Pipeline.Domain.Jobs;

/// <summary>A job record that had to exist (to be updated) does not.</summary>
public sealed class JobNotFoundException : Exception
{
    public JobNotFoundException(string jobId, Exception? innerException = null)
        : base($"Job '{jobId}' does not exist.", innerException) => JobId = jobId;

    public JobNotFoundException()
        : this(string.Empty)
    {
    }

    public JobNotFoundException(string jobId, string message)
        : base(message) => JobId = jobId;

    public string JobId { get; }
}
