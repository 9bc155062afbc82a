using Pipeline.Domain.Jobs;

namespace Pipeline.Domain.Status;

/// <summary>An operation asked for a job status transition the state machine forbids.</summary>
public sealed class InvalidJobTransitionException : InvalidOperationException
{
    public InvalidJobTransitionException(string jobId, JobStatus from, JobStatus to)
        : base($"Job '{jobId}' cannot go from {from} to {to}.")
    {
        JobId = jobId;
        From = from;
        To = to;
    }

    public InvalidJobTransitionException()
        : this(string.Empty, default, default)
    {
    }

    public InvalidJobTransitionException(string message)
        : base(message) => JobId = string.Empty;

    public InvalidJobTransitionException(string message, Exception innerException)
        : base(message, innerException) => JobId = string.Empty;

    public string JobId { get; }

    public JobStatus From { get; }

    public JobStatus To { get; }
}
