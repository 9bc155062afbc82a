using Microsoft.Extensions.Options;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Lecture;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Activities;

/// <summary>
/// Starts a lecture run: stores the request as the job's claim check (or reads it, when the starter stored it), marks
/// the record Running, and resolves the settings (window from the request or the options) so the workflow never reads
/// configuration itself.
/// </summary>
public sealed class StartLectureJobActivity(LectureRequestStore requests, JobRecords records, IOptions<LectureMediaOptions> options)
    : TaskActivity<LectureJobStart, LectureSettings>
{
    public override async Task<LectureSettings> RunAsync(TaskActivityContext context, LectureJobStart input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = input.Request ?? await StoredAsync(input.JobId, CancellationToken.None).ConfigureAwait(false);
        if (input.Request is not null)
        {
            await requests.SaveAsync(input.JobId, input.Request, CancellationToken.None).ConfigureAwait(false);
        }

        await records.MarkRunningAsync(input.JobId, JobType.LectureMedia, request.Title, input.At, CancellationToken.None).ConfigureAwait(false);
        var o = options.Value;
        return new LectureSettings(request.Options?.MaxConcurrency ?? o.Window, o.ChunkSize, o.ChildrenInFlight, o.Retry) { ReportInterval = o.StatusReportInterval };
    }

    private async Task<LectureMediaRequest> StoredAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            return await requests.GetAsync(jobId, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobNotFoundException e)
        {
            throw new InvalidOperationException(
                $"Job '{jobId}' was started with its request marked as stored, but {LectureRequestStore.KeyFor(jobId)} does not exist; start it through the API or pass the request.", e);
        }
    }
}
