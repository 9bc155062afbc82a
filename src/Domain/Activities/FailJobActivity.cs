using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Jobs;

namespace Pipeline.Domain.Activities;

/// <summary>The onFailure path: marks the job record Failed with the workflow's error.</summary>
public sealed class FailJobActivity(JobRecords records) : TaskActivity<JobFailure, JobStatus>
{
    public override async Task<JobStatus> RunAsync(TaskActivityContext context, JobFailure input)
        => (await records.FailAsync(input, input.JobType, CancellationToken.None).ConfigureAwait(false)).Status;
}
