namespace Pipeline.Domain.Jobs;

/// <summary>An update of a job record kept losing to concurrent writers and gave up after <see cref="Attempts"/> attempts.</summary>
public sealed class JobUpdateConflictException : Exception
{
    public JobUpdateConflictException(string jobId, int attempts, Exception? innerException = null)
        : base($"Job '{jobId}' could not be updated: it changed concurrently on each of {attempts} attempts.", innerException)
    {
        JobId = jobId;
        Attempts = attempts;
    }

    public JobUpdateConflictException()
        : this(string.Empty, 0)
    {
    }

    public JobUpdateConflictException(string jobId, string message)
        : base(message) => JobId = jobId;

    public string JobId { get; }

    public int Attempts { get; }
}
