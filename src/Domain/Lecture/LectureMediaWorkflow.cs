using Pipeline.Domain.Activities;
using Pipeline.Domain.Assets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Status;

namespace Pipeline.Domain.Lecture;

/// <summary>
/// A lecture's media: derived prompts; then images, narration, music and starting images side by side; then one video
/// per segment from its starting image and narration. Every stage fans out per asset; the final activity stores the
/// manifest (references only). A failure of the workflow itself marks the job Failed with the error.
/// </summary>
public sealed class LectureMediaWorkflow : TaskOrchestrator<LectureMediaJob, JobSummary>
{
    public override async Task<JobSummary> RunAsync(TaskOrchestrationContext context, LectureMediaJob input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var status = JobStatusEntity.IdFor(input.JobId);
        try
        {
            var errors = input.Request.Validate();
            if (!errors.IsEmpty)
            {
                throw new ArgumentException($"The lecture request is invalid: {errors}", nameof(input));
            }

            var settings = await context.CallActivityAsync<LectureSettings>(nameof(StartLectureJobActivity), new LectureJobStart(input.JobId, input.RequestStored ? null : input.Request, context.CurrentUtcDateTime));
            await context.Entities.SignalEntityAsync(status, nameof(JobStatusEntity.Start), new StartJob { JobType = JobType.LectureMedia, At = context.CurrentUtcDateTime });
            var plan = new LecturePlan(input.JobId, input.Request, input.Reuse, settings);
            var progress = new LectureProgress(context);

            var prompts = await plan.RunAsync(context, LectureStage.Prompts, nameof(WritePromptsActivity), plan.Prompts(), [], progress);
            var skippedImages = plan.Images(prompts, out var imageItems);
            var images = plan.RunAsync(context, LectureStage.Images, nameof(GenerateImageActivity), imageItems, skippedImages, progress);
            var narration = plan.RunAsync(context, LectureStage.Narration, nameof(GenerateNarrationActivity), plan.Narration(), [], progress);
            var music = plan.RunAsync(context, LectureStage.Music, nameof(GenerateMusicActivity), plan.Music(), [], progress);
            var starts = plan.RunAsync(context, LectureStage.StartingImages, nameof(GenerateImageActivity), plan.StartingImages(), [], progress);
            await Task.WhenAll(images, narration, music, starts);

            var skippedVideos = plan.Videos(starts.Result, narration.Result, out var videoItems);
            var videos = await plan.RunAsync(context, LectureStage.Videos, nameof(GenerateVideoActivity), videoItems, skippedVideos, progress);

            List<AssetOutcome> manifest = [.. prompts, .. images.Result, .. narration.Result, .. music.Result, .. starts.Result, .. videos];
            var final = await context.CallActivityAsync<JobStatus>(nameof(CompleteJobActivity), new JobCompletion(input.JobId, manifest, context.CurrentUtcDateTime));
            await context.Entities.SignalEntityAsync(status, nameof(JobStatusEntity.Complete), new CompleteJob { At = context.CurrentUtcDateTime });
            var succeeded = manifest.Count(a => a.Status == AssetStatus.Succeeded);
            return new JobSummary(input.JobId, final, manifest.Count, succeeded, manifest.Count - succeeded);
        }
        catch (Exception e)
        {
            var failure = WorkflowFailure.For(input.JobId, JobType.LectureMedia, e, context);
            await context.CallActivityAsync<JobStatus>(nameof(FailJobActivity), failure);
            await context.Entities.SignalEntityAsync(status, nameof(JobStatusEntity.Fail), new FailJob { Error = new JobError { Type = failure.ErrorType, Message = failure.Message }, At = context.CurrentUtcDateTime });
            throw;
        }
    }
}
