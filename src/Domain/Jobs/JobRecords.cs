using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Pipeline.Domain.Assets;

namespace Pipeline.Domain.Jobs;

/// <summary>The job-record updates workflows make through activities: running, completed with its manifest, failed.</summary>
public sealed class JobRecords(IJobRepository repository, ILogger<JobRecords> logger)
{
    /// <summary>Marks the record Running; creates it when the job was started without one (directly through the client).</summary>
    public async Task MarkRunningAsync(string jobId, string type, string? title, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(jobId, type, title, at, cancellationToken).ConfigureAwait(false);
        await repository.UpdateAsync(jobId, r => r with { Status = JobStatus.Running, UpdatedAt = at, CompletedAt = null, Error = null }, cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureExistsAsync(string jobId, string type, string? title, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (await repository.GetAsync(jobId, cancellationToken).ConfigureAwait(false) is null)
        {
            try
            {
                await repository.CreateAsync(
                    new JobRecord
                    {
                        Id = jobId,
                        Type = type,
                        Request = new JobRequestSummary { Title = title, Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(jobId))) },
                        CreatedAt = at,
                        UpdatedAt = at,
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (JobAlreadyExistsException)
            {
                // Created meanwhile (a redelivered activity): the update applies to it.
            }
        }
    }

    /// <summary>Stores the manifest and the final status: CompletedWithErrors when any asset did not succeed.</summary>
    public async Task<JobRecord> CompleteAsync(JobCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var failed = completion.Manifest.Count(a => a.Status != AssetStatus.Succeeded);
        var status = failed == 0 ? JobStatus.Completed : JobStatus.CompletedWithErrors;
        var record = await repository.UpdateAsync(
            completion.JobId,
            r => r with
            {
                Status = status,
                Manifest = completion.Manifest,
                Progress = new JobProgress { Total = completion.Manifest.Count, Succeeded = completion.Manifest.Count - failed, Failed = failed },
                UpdatedAt = completion.At,
                CompletedAt = completion.At,
            },
            cancellationToken).ConfigureAwait(false);
        JobLog.Ended(logger, completion.JobId, status);
        return record;
    }

    /// <summary>Marks the record Failed with the error; creates it when the job failed before its record existed.</summary>
    public async Task<JobRecord> FailAsync(JobFailure failure, string type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        await EnsureExistsAsync(failure.JobId, type, null, failure.At, cancellationToken).ConfigureAwait(false);
        var record = await repository.UpdateAsync(
            failure.JobId,
            r => r with
            {
                Status = JobStatus.Failed,
                Error = new JobError { Type = failure.ErrorType, Message = failure.Message },
                UpdatedAt = failure.At,
                CompletedAt = failure.At,
            },
            cancellationToken).ConfigureAwait(false);
        JobLog.Failed(logger, failure.JobId, failure.ErrorType, failure.Message);
        JobLog.Ended(logger, failure.JobId, JobStatus.Failed);
        return record;
    }
}
