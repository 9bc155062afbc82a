using Microsoft.Extensions.Options;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Lecture;

namespace Pipeline.Domain.Activities;

/// <summary>
/// Starts a lecture run: stores the request as the job's claim check, marks the record Running, and resolves the
/// settings (window from the request or the options) so the workflow never reads configuration itself.
/// </summary>
public sealed class StartLectureJobActivity(LectureRequestStore requests, JobRecords records, IOptions<LectureMediaOptions> options)
    : Activity<LectureJobStart, LectureSettings>
{
    public override async Task<LectureSettings> RunAsync(LectureJobStart input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await requests.SaveAsync(input.JobId, input.Request, cancellationToken).ConfigureAwait(false);
        await records.MarkRunningAsync(input.JobId, JobType.LectureMedia, input.Request.Title, input.At, cancellationToken).ConfigureAwait(false);
        var o = options.Value;
        return new LectureSettings(input.Request.Options?.MaxConcurrency ?? o.Window, o.ChunkSize, o.ChildrenInFlight, o.Retry) { ReportInterval = o.StatusReportInterval };
    }
}
