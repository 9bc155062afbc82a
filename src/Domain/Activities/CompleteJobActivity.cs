using Pipeline.Domain.Durable;
using Pipeline.Domain.Jobs;

namespace Pipeline.Domain.Activities;

/// <summary>Persists a finished job's manifest (references only) and final status to its record.</summary>
public sealed class CompleteJobActivity(JobRecords records) : Activity<JobCompletion, JobStatus>
{
    public override async Task<JobStatus> RunAsync(JobCompletion input, CancellationToken cancellationToken)
        => (await records.CompleteAsync(input, cancellationToken).ConfigureAwait(false)).Status;
}
