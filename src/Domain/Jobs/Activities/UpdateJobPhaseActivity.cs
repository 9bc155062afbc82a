using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;

namespace Pipeline.Domain.Jobs.Activities;

/// <summary>
/// Records the phase a job entered (and its percentage) on the job record, moving a pending job to running. Idempotent:
/// running it again writes the same values. A job that already ended keeps its status.
/// </summary>
public sealed class UpdateJobPhaseActivity(IJobRepository jobs) : TaskActivity<JobPhaseUpdate, JobProgress>
{
    public override async Task<JobProgress> RunAsync(TaskActivityContext context, JobPhaseUpdate input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stored = await jobs.UpdateAsync(input.JobId, record => record with
        {
            Status = record.Status == JobStatus.Pending ? JobStatus.Running : record.Status,
            Progress = record.Progress with
            {
                Phase = input.Phase.Name,
                Percent = input.Phase.Percent,
                Total = input.Total ?? record.Progress.Total,
                Succeeded = input.Succeeded ?? record.Progress.Succeeded,
                Failed = input.Failed ?? record.Progress.Failed,
            },
        }, CancellationToken.None);
        return stored.Progress;
    }
}
