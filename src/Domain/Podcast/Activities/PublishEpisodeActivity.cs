using Pipeline.Domain.Assets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Jobs;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>
/// The publish stage: the job record gets the episode's title, description, duration, audio and transcript references
/// (also as manifest assets), the phase <c>completed</c> at 100 % and the status Completed. Idempotent.
/// </summary>
public sealed class PublishEpisodeActivity(IJobRepository jobs) : TaskActivity<EpisodePublication, bool>
{
    public const string AudioReference = "audio";
    public const string TranscriptReference = "transcript";

    public override async Task<bool> RunAsync(TaskActivityContext context, EpisodePublication input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var episode = input.Episode;
        await jobs.UpdateAsync(input.JobId, record => record with
        {
            Status = JobStatus.Completed,
            CompletedAt = input.At,
            Error = null,
            Progress = record.Progress with
            {
                Phase = PodcastPhase.Completed.Name,
                Percent = PodcastPhase.Completed.Percent,
                Total = episode.SegmentCount,
                Succeeded = episode.SegmentCount,
                Failed = 0,
            },
            Manifest =
            [
                AssetOutcome.Succeeded("episode", PodcastStage.Assembly, episode.Audio),
                AssetOutcome.Succeeded(TranscriptReference, PodcastStage.Assembly, episode.Transcript),
            ],
            Output = new JobOutput
            {
                Title = input.Title,
                Description = input.Description,
                DurationSeconds = episode.DurationSeconds,
                References = new Dictionary<string, Payloads.BlobRef> { [AudioReference] = episode.Audio, [TranscriptReference] = episode.Transcript },
                Counts = new Dictionary<string, int> { ["segments"] = episode.SegmentCount },
            },
        }, CancellationToken.None);
        return true;
    }
}
