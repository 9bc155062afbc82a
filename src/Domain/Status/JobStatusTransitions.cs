using Pipeline.Domain.Jobs;

namespace Pipeline.Domain.Status;

/// <summary>
/// The job status state machine. Allowed, and nothing else:
/// <list type="bullet">
/// <item>Pending → Running (start), Cancelled, Failed;</item>
/// <item>Running → Completed, CompletedWithErrors, Failed, Cancelled;</item>
/// <item>CompletedWithErrors, Failed, Cancelled → Pending (reset for retry).</item>
/// </list>
/// Completed is final: a retry re-runs failed assets and a completed job has none, so Completed → Pending is
/// forbidden rather than silently allowed to do nothing. A transition to the same status is forbidden too.
/// </summary>
public static class JobStatusTransitions
{
    private static readonly Dictionary<JobStatus, JobStatus[]> Allowed = new()
    {
        [JobStatus.Pending] = [JobStatus.Running, JobStatus.Cancelled, JobStatus.Failed],
        [JobStatus.Running] = [JobStatus.Completed, JobStatus.CompletedWithErrors, JobStatus.Failed, JobStatus.Cancelled],
        [JobStatus.Completed] = [],
        [JobStatus.CompletedWithErrors] = [JobStatus.Pending],
        [JobStatus.Failed] = [JobStatus.Pending],
        [JobStatus.Cancelled] = [JobStatus.Pending],
    };

    public static bool IsAllowed(JobStatus from, JobStatus to)
        => Allowed.TryGetValue(from, out var targets) && Array.IndexOf(targets, to) >= 0;

    /// <summary>Throws <see cref="InvalidJobTransitionException"/> unless the table allows the transition.</summary>
    public static void Ensure(string jobId, JobStatus from, JobStatus to)
    {
        if (!IsAllowed(from, to))
        {
            throw new InvalidJobTransitionException(jobId, from, to);
        }
    }
}
