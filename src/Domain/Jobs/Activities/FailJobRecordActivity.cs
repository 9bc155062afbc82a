using Pipeline.Domain.Durable;

namespace Pipeline.Domain.Jobs.Activities;

/// <summary>
/// The failure path of a job workflow: marks the record Failed with the error. Returns false when there is no record
/// (nothing to mark), so the failure path never hides the original error behind a new one.
/// </summary>
public sealed class FailJobRecordActivity(IJobRepository jobs) : Activity<JobFailure, bool>
{
    public override async Task<bool> RunAsync(JobFailure input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await jobs.GetAsync(input.JobId, cancellationToken) is null)
        {
            return false;
        }

        await jobs.UpdateAsync(input.JobId, record => record with
        {
            Status = JobStatus.Failed,
            Error = input.Error,
            CompletedAt = input.At,
        }, cancellationToken);
        return true;
    }
}
