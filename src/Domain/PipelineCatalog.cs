using Pipeline.Domain.Activities;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Jobs.Activities;
using Pipeline.Domain.Lecture;
using Pipeline.Domain.Podcast.Activities;
using Pipeline.Domain.Podcast.Workflows;
using Pipeline.Domain.Status;
using Pipeline.Domain.Workflows;

namespace Pipeline.Domain;

/// <summary>
/// Every workflow, activity and entity of Pipeline. Both hosts read it: the standalone engine registers each entry through
/// it, and the Azure Functions app declares exactly one function per entry (a test keeps them in step).
/// </summary>
public static class PipelineCatalog
{
    public static DurableCatalog Create() => new DurableCatalog()
        .AddWorkflow<FanOutChunkWorkflow>()
        .AddEntity<JobStatusEntity>()
        .AddActivity<CompleteJobActivity>()
        .AddActivity<FailJobActivity>()

        // Lecture media
        .AddWorkflow<LectureMediaWorkflow>()
        .AddActivity<StartLectureJobActivity>()
        .AddActivity<WritePromptsActivity>()
        .AddActivity<GenerateImageActivity>()
        .AddActivity<GenerateNarrationActivity>()
        .AddActivity<GenerateMusicActivity>()
        .AddActivity<GenerateVideoActivity>()

        // Podcast episodes and diarization (and the job-record activities they share).
        .AddActivity<UpdateJobPhaseActivity>()
        .AddWorkflow<PodcastEpisodeWorkflow>()
        .AddActivity<WriteOutlineActivity>()
        .AddActivity<WriteScriptActivity>()
        .AddActivity<SynthesizeSegmentActivity>()
        .AddActivity<AssembleEpisodeActivity>()
        .AddActivity<PublishEpisodeActivity>()
        .AddWorkflow<DiarizationWorkflow>()
        .AddActivity<PlanDiarizationActivity>()
        .AddActivity<DiarizeAudioActivity>()
        .AddActivity<UploadDiarizationMediaActivity>()
        .AddActivity<StartDiarizationJobActivity>()
        .AddActivity<GetDiarizationJobActivity>()
        .AddActivity<IdentifySpeakersActivity>()
        .AddActivity<EnrichTranscriptActivity>()
        .AddActivity<PublishDiarizationActivity>();
}
