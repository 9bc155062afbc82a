using Pipeline.Domain.Assets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>Marks a diarization job Completed: its three results as references and counts, phase <c>completed</c> at 100 %.</summary>
public sealed class PublishDiarizationActivity(IJobRepository jobs) : TaskActivity<DiarizationPublication, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, DiarizationPublication input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await jobs.UpdateAsync(input.JobId, record => record with
        {
            Status = JobStatus.Completed,
            CompletedAt = input.At,
            Error = null,
            Progress = record.Progress with { Phase = DiarizationPhase.Completed.Name, Percent = DiarizationPhase.Completed.Percent },
            Manifest =
            [
                AssetOutcome.Succeeded("segments", DiarizationStage.Diarization, input.Diarization.Result),
                AssetOutcome.Succeeded("speakers", DiarizationStage.Identification, input.Identification.Speakers),
                AssetOutcome.Succeeded("transcript", DiarizationStage.Enrichment, input.Enrichment.Transcript),
            ],
            Output = new JobOutput
            {
                DurationSeconds = input.Diarization.DurationSeconds,
                References = new Dictionary<string, Payloads.BlobRef>
                {
                    ["segments"] = input.Diarization.Result,
                    ["speakers"] = input.Identification.Speakers,
                    ["transcript"] = input.Enrichment.Transcript,
                },
                Counts = new Dictionary<string, int>
                {
                    ["segments"] = input.Diarization.SegmentCount,
                    ["speakers"] = input.Diarization.SpeakerCount,
                    ["identified"] = input.Identification.Identified,
                    ["aligned"] = input.Enrichment.AlignedCount,
                },
            },
        }, CancellationToken.None);
        return true;
    }
}
