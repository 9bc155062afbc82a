namespace Pipeline.Domain.Jobs;

/// <summary>The status of a job as users see it (API.md).</summary>
public enum JobStatus
{
    Pending,
    Running,
    Completed,
    CompletedWithErrors,
    Failed,
    Cancelled,
}
