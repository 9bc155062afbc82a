using Pipeline.Domain.Api;
using Pipeline.Domain.Assets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Status;

namespace Pipeline.Domain.Tests.Api;

public sealed class JobViewsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static JobRecord Record(JobStatus status, params AssetOutcome[] manifest) => new()
    {
        Id = "job-1",
        Type = JobType.LectureMedia,
        Request = new JobRequestSummary { Sha256 = new string('0', 64) },
        Status = status,
        CreatedAt = T0,
        UpdatedAt = T0,
        Manifest = manifest,
    };

    private static BlobRef Blob(string id) => new($"jobs/job-1/images/{id}.png", 10, "image/png", new string('a', 64));

    [Fact]
    public void Merge_RunningJob_TakesStatusFromTheEntityAndAssetsFromTheStepLog()
    {
        var state = new JobStatusState { Status = JobStatus.Running, Stages = [new StageProgress { Name = "images", Status = JobStatus.Running, Total = 3, Succeeded = 1, Failed = 1 }] };
        var steps = new List<StepRecord>
        {
            new() { Sequence = 1, Stage = "images", Name = "a", AssetId = "i0", Status = AssetStatus.Running },
            new() { Sequence = 2, Stage = "images", Name = "a", AssetId = "i0", Status = AssetStatus.Succeeded, Blob = Blob("i0") },
            new() { Sequence = 3, Stage = "images", Name = "a", AssetId = "i1", Status = AssetStatus.Failed, Error = new AssetError(FailureKind.Permanent, "Policy", "refused") },
        };
        var instance = new OrchestrationMetadata("LectureMediaWorkflow", "job-1") { RuntimeStatus = OrchestrationRuntimeStatus.Running };

        var view = JobViews.Merge(Record(JobStatus.Running), instance, state, steps, includeSteps: false, "http://h");

        Assert.Equal("Running", view.Status);
        Assert.Equal(new JobProgressView(3, 1, 1, 66), view.Progress);
        Assert.Equal(["i0", "i1"], view.Assets.Select(a => a.Id));
        Assert.Equal("http://h/api/jobs/job-1/assets/i0", view.Assets[0].Url);
        Assert.Null(view.Assets[1].Url);
        Assert.Null(view.Steps);
    }

    [Fact]
    public void Merge_FinishedRecord_WinsOverALaggingEntity()
    {
        var record = Record(JobStatus.CompletedWithErrors, AssetOutcome.Succeeded("i0", "images", Blob("i0")), AssetOutcome.Failed("i1", "images", new AssetError(FailureKind.Permanent, "Policy", "refused")))
            with { Progress = new JobProgress { Total = 2, Succeeded = 1, Failed = 1 } };
        var state = new JobStatusState { Status = JobStatus.Running };

        var view = JobViews.Merge(record, null, state, null, includeSteps: true, string.Empty);

        Assert.Equal("CompletedWithErrors", view.Status);
        Assert.Equal(new JobProgressView(2, 1, 1, 100), view.Progress);
        Assert.Equal("images", Assert.Single(view.Stages).Name);
        Assert.Empty(view.Steps!);
    }

    [Fact]
    public void Merge_FailedOrchestrationBeforeTheRecordKnew_IsFailedWithTheError()
    {
        var instance = new OrchestrationMetadata("LectureMediaWorkflow", "job-1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Failed,
            FailureDetails = new TaskFailureDetails("InvalidOperationException", "boom", null, null, null),
        };

        var view = JobViews.Merge(Record(JobStatus.Running), instance, null, null, includeSteps: false, string.Empty);

        Assert.Equal("Failed", view.Status);
        Assert.Equal("boom", view.Error!.Message);
    }

    [Fact]
    public void MergeManifest_NewerFailure_NeverReplacesASuccess()
    {
        var manifest = new[] { AssetOutcome.Succeeded("i0", "images", Blob("i0")) };
        var newer = new[] { AssetOutcome.Failed("i0", "images", new AssetError(FailureKind.Transient, "T", "late")), AssetOutcome.Succeeded("i1", "images", Blob("i1")) };

        var merged = JobViews.MergeManifest(manifest, newer);

        Assert.Equal([AssetStatus.Succeeded, AssetStatus.Succeeded], merged.Select(o => o.Status));
    }
}
