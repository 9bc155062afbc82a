using Pipeline.Domain.Activities;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Jobs.Activities;
using Pipeline.Domain.Podcast.Activities;
using Pipeline.Domain.Podcast.Diarization;
using Pipeline.Domain.Workflows;

namespace Pipeline.Domain.Podcast.Workflows;

/// <summary>
/// Diarization of a recording (instance id = job id): who spoke when → which known speaker each one is → the transcript
/// enriched with speakers. Each stage stores its result first and returns only counts and a reference, so a 12-hour,
/// 6,000-segment result never enters history. On failure the record is marked Failed with the error.
/// </summary>
public sealed class DiarizationWorkflow : TaskOrchestrator<DiarizationJob, EnrichmentSummary>
{
    public override async Task<EnrichmentSummary> RunAsync(TaskOrchestrationContext context, DiarizationJob input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var jobId = input.JobId;
        var request = input.Request;
        var options = new TaskOptions(new AssetRetryOptions().ToPolicy());
        try
        {
            await EnterAsync(context, jobId, DiarizationPhase.Diarization, options);
            var plan = await context.CallActivityAsync<DiarizationPlan>(nameof(PlanDiarizationActivity), jobId, options);
            var audio = new DiarizationInput(jobId, request.Audio!, request.Speakers);
            var diarization = plan.Provider == DiarizationProvider.Local
                ? await context.CallActivityAsync<DiarizationSummary>(nameof(DiarizeAudioActivity), audio, options)
                : await DiarizeHostedAsync(context, audio, plan, options);

            await EnterAsync(context, jobId, DiarizationPhase.Identification, options);
            var identification = await context.CallActivityAsync<IdentificationSummary>(
                nameof(IdentifySpeakersActivity),
                new IdentificationInput(jobId, diarization.Result.Key, request.SpeakerRegistry ?? new Dictionary<string, VoiceFeatures>()),
                options);

            await EnterAsync(context, jobId, DiarizationPhase.Enrichment, options);
            var enrichment = await context.CallActivityAsync<EnrichmentSummary>(
                nameof(EnrichTranscriptActivity),
                new EnrichmentInput(jobId, diarization.Result.Key, identification.Speakers.Key, request.Transcript),
                options);

            await context.CallActivityAsync<bool>(
                nameof(PublishDiarizationActivity),
                new DiarizationPublication { JobId = jobId, Diarization = diarization, Identification = identification, Enrichment = enrichment, At = WorkflowFailure.Now(context) },
                options);
            return enrichment;
        }
        catch (Exception ex)
        {
            await context.CallActivityAsync<JobStatus>(nameof(FailJobActivity), WorkflowFailure.For(jobId, JobType.Diarization, ex, context), options);
            throw;
        }
    }

    /// <summary>
    /// A hosted provider: upload, start the job, then poll it — each poll one activity after a durable timer, so no
    /// activity sleeps and a host may restart between polls — until it succeeds (its result is stored by the poll),
    /// fails (the poll throws a permanent failure with the provider's reason) or outlasts the plan's timeout.
    /// </summary>
    private static async Task<DiarizationSummary> DiarizeHostedAsync(TaskOrchestrationContext context, DiarizationInput audio, DiarizationPlan plan, TaskOptions options)
    {
        var media = await context.CallActivityAsync<string>(nameof(UploadDiarizationMediaActivity), audio, options);
        var providerJobId = await context.CallActivityAsync<string>(
            nameof(StartDiarizationJobActivity), new DiarizationJobStart(audio.JobId, media, audio.Speakers), options);
        var deadline = context.CurrentUtcDateTime + plan.Timeout;
        do
        {
            await context.CreateTimer(plan.PollInterval, CancellationToken.None);
            var poll = await context.CallActivityAsync<DiarizationJobPoll>(
                nameof(GetDiarizationJobActivity), new DiarizationJobQuery(audio.JobId, providerJobId, audio.AudioKey), options);
            if (poll.Summary is { } summary)
            {
                return summary;
            }
        }
        while (context.CurrentUtcDateTime < deadline);

        throw new DiarizationTimeoutException(providerJobId, plan.Timeout);
    }

    private static Task EnterAsync(TaskOrchestrationContext context, string jobId, JobPhase phase, TaskOptions options)
        => context.CallActivityAsync<JobProgress>(nameof(UpdateJobPhaseActivity), new JobPhaseUpdate { JobId = jobId, Phase = phase }, options);
}
