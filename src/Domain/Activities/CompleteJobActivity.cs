using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Jobs;

namespace Pipeline.Domain.Activities;

/// <summary>Persists a finished job's manifest (references only) and final status to its record.</summary>
public sealed class CompleteJobActivity(JobRecords records) : TaskActivity<JobCompletion, JobStatus>
{
    public override async Task<JobStatus> RunAsync(TaskActivityContext context, JobCompletion input)
        => (await records.CompleteAsync(input, CancellationToken.None).ConfigureAwait(false)).Status;
}
