using Pipeline.Domain.Activities;
using Pipeline.Domain.Assets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Jobs.Activities;
using Pipeline.Domain.Podcast.Activities;
using Pipeline.Domain.Workflows;

namespace Pipeline.Domain.Podcast.Workflows;

/// <summary>
/// A podcast episode (instance id = job id): outline → script → one voiced segment per script line (a bounded fan-out)
/// → assembly into one WAV and a timed transcript → publish on the job record. Every stage stores its result in a blob
/// and hands back a reference; the job record shows each phase (outline 10 %, script 40 %, audio 70 %, upload 90 %,
/// completed 100 %). On failure the record is marked Failed with the error and the workflow fails.
/// </summary>
public sealed class PodcastEpisodeWorkflow : TaskOrchestrator<PodcastEpisodeJob, EpisodeAssembly>
{
    public override async Task<EpisodeAssembly> RunAsync(TaskOrchestrationContext context, PodcastEpisodeJob input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var jobId = input.JobId;
        var retry = new AssetRetryOptions { MaxAttempts = input.Request.Options?.MaxAttempts ?? 5 };
        var options = new TaskOptions(retry.ToPolicy());
        try
        {
            await EnterAsync(context, new JobPhaseUpdate { JobId = jobId, Phase = PodcastPhase.Outline }, options);
            var outline = await context.CallActivityAsync<OutlineSummary>(nameof(WriteOutlineActivity), new OutlineInput(jobId, input.Request), options);

            await EnterAsync(context, new JobPhaseUpdate { JobId = jobId, Phase = PodcastPhase.Script }, options);
            var script = await context.CallActivityAsync<ScriptSummary>(nameof(WriteScriptActivity), new ScriptInput(jobId, input.Request, outline.Outline), options);

            await EnterAsync(context, new JobPhaseUpdate { JobId = jobId, Phase = PodcastPhase.Audio, Total = script.SegmentCount, Succeeded = 0, Failed = 0 }, options);
            var segments = await context.FanOutAsync(new FanOutRequest
            {
                JobId = jobId,
                Stage = PodcastStage.Audio,
                Activity = nameof(SynthesizeSegmentActivity),
                Tasks = Enumerable.Range(0, script.SegmentCount)
                    .Select(i => AssetTask.For(PodcastBlobKeys.SegmentId(i), new SegmentSynthesis(jobId, script.Script.Key, i)))
                    .ToList(),
                Window = input.Request.Options?.MaxConcurrency ?? 8,
                Retry = retry,
            });
            var failed = segments.Where(s => s.Status != AssetStatus.Succeeded).ToList();
            if (failed.Count > 0)
            {
                throw new EpisodeAudioIncompleteException(jobId, failed.Count, segments.Count, failed[0].Error?.Message);
            }

            await EnterAsync(context, new JobPhaseUpdate { JobId = jobId, Phase = PodcastPhase.Upload, Total = segments.Count, Succeeded = segments.Count, Failed = 0 }, options);
            var episode = await context.CallActivityAsync<EpisodeAssembly>(nameof(AssembleEpisodeActivity), new AssemblyInput(jobId, script.Script.Key, script.SegmentCount), options);

            await context.CallActivityAsync<bool>(
                nameof(PublishEpisodeActivity),
                new EpisodePublication { JobId = jobId, Title = outline.Title, Description = outline.Description, Episode = episode, At = WorkflowFailure.Now(context) },
                options);
            return episode;
        }
        catch (Exception ex)
        {
            await context.CallActivityAsync<JobStatus>(nameof(FailJobActivity), WorkflowFailure.For(jobId, JobType.PodcastEpisode, ex, context), options);
            throw;
        }
    }

    private static Task EnterAsync(TaskOrchestrationContext context, JobPhaseUpdate update, TaskOptions options)
        => context.CallActivityAsync<JobProgress>(nameof(UpdateJobPhaseActivity), update, options);
}
