using Pipeline.Domain.Durable;
using Pipeline.Domain.Jobs;

namespace Pipeline.Domain.Activities;

/// <summary>The onFailure path: marks the job record Failed with the workflow's error.</summary>
public sealed class FailJobActivity(JobRecords records) : Activity<JobFailure, JobStatus>
{
    public override async Task<JobStatus> RunAsync(JobFailure input, CancellationToken cancellationToken)
        => (await records.FailAsync(input, input.JobType, cancellationToken).ConfigureAwait(false)).Status;
}
