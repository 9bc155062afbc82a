using Pipeline.Domain.Assets;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Status;
using static Pipeline.Domain.Tests.Status.StatusTestData;

namespace Pipeline.Domain.Tests.Status;

public sealed class JobStatusEntityTransitionTests
{
    private const string JobId = "lecture-0001";

    public static TheoryData<JobStatus, JobStatus> AllPairs => JobStatusTransitionsTests.AllPairs;

    [Theory]
    [MemberData(nameof(AllPairs))]
    public async Task Operation_FromEveryStatusToEveryStatus_MovesOrThrowsNamingFromAndTo(JobStatus from, JobStatus to)
    {
        var host = new JobStatusEntityHost(JobId, new StatusTestBlobStore());
        var seeded = new JobStatusState { JobId = JobId, JobType = "lecture-media", Status = from, CreatedAt = T0 };
        seeded.Stages.Add(new StageProgress
        {
            Name = "images",
            Status = JobStatus.Running,
            Total = 2,
            Succeeded = 1,
            Failed = to == JobStatus.CompletedWithErrors ? 1 : 0,
        });
        host.Seed(seeded);
        var before = host.StateJson;

        var (operation, input) = OperationTo(to);
        var allowed = JobStatusTransitions.IsAllowed(from, to);
        if (allowed)
        {
            await host.CallAsync(operation, input);
            Assert.Equal(to, host.State.Status);
            Assert.Equal(At(60), host.State.UpdatedAt);
        }
        else
        {
            var error = await Assert.ThrowsAsync<InvalidJobTransitionException>(() => host.CallAsync(operation, input));
            Assert.Equal((JobId, from, to), (error.JobId, error.From, error.To));
            Assert.Equal(before, host.StateJson);
        }
    }

    [Fact]
    public async Task Start_NewEntity_RunsWithTimesFromInput()
    {
        var host = new JobStatusEntityHost(JobId, new StatusTestBlobStore());

        await host.CallAsync(nameof(JobStatusEntity.Start), new StartJob { JobType = "lecture-media", At = At(5), CreatedAt = At(1) });

        var state = host.State;
        Assert.Equal((JobId, "lecture-media", JobStatus.Running), (state.JobId, state.JobType, state.Status));
        Assert.Equal((At(1), At(5)), (state.CreatedAt, state.StartedAt));
    }

    [Fact]
    public async Task Fail_RunningJob_RecordsErrorAndEndTime()
    {
        var host = await StartedAsync();

        await host.CallAsync(nameof(JobStatusEntity.Fail), new FailJob { At = At(9), Error = new JobError { Type = "NonDeterminism", Message = "Replay issued a different command." } });

        var state = host.State;
        Assert.Equal(JobStatus.Failed, state.Status);
        Assert.Equal("NonDeterminism", state.Error?.Type);
        Assert.Equal(At(9), state.EndedAt);
    }

    [Fact]
    public async Task Complete_AfterAnAssetFailedForGood_IsCompletedWithErrorsAndStageSaysHowMany()
    {
        var host = await StartedAsync();
        await host.CallAsync(nameof(JobStatusEntity.StageStarted), new StageStarted { Stage = "images", Total = 2, At = At(1) });
        await host.CallAsync(nameof(JobStatusEntity.RecordSteps), Batch(
        [
            Step(1, "images", "a", AssetStatus.Running),
            Step(2, "images", "b", AssetStatus.Running),
            Step(3, "images", "a", AssetStatus.Succeeded),
            Step(4, "images", "b", AssetStatus.Failed),
        ]));
        await host.CallAsync(nameof(JobStatusEntity.StageCompleted), new StageCompleted { Stage = "images", At = At(10) });

        await host.CallAsync(nameof(JobStatusEntity.Complete), new CompleteJob { At = At(11) });

        var state = host.State;
        Assert.Equal(JobStatus.CompletedWithErrors, state.Status);
        var stage = Assert.Single(state.Stages);
        Assert.Equal((JobStatus.CompletedWithErrors, 2, 1, 1, 0), (stage.Status, stage.Total, stage.Succeeded, stage.Failed, stage.InFlight));
        Assert.Equal("1 of 2 assets failed.", stage.ErrorSummary);
    }

    [Fact]
    public async Task Cancel_RunningJob_CancelsUnfinishedStagesAndKeepsFinishedOnes()
    {
        var host = await StartedAsync();
        await host.CallAsync(nameof(JobStatusEntity.StageStarted), new StageStarted { Stage = "images", Total = 0, At = At(1) });
        await host.CallAsync(nameof(JobStatusEntity.StageCompleted), new StageCompleted { Stage = "images", At = At(2) });
        await host.CallAsync(nameof(JobStatusEntity.StageStarted), new StageStarted { Stage = "narration", Total = 3, At = At(3) });

        await host.CallAsync(nameof(JobStatusEntity.Cancel), new CancelJob { At = At(4), Reason = "Requested by the user." });

        var state = host.State;
        Assert.Equal(JobStatus.Cancelled, state.Status);
        Assert.Equal([JobStatus.Completed, JobStatus.Cancelled], state.Stages.Select(s => s.Status));
        Assert.Equal("Requested by the user.", state.Error?.Message);
    }

    private static async Task<JobStatusEntityHost> StartedAsync()
    {
        var host = new JobStatusEntityHost(JobId, new StatusTestBlobStore());
        await host.CallAsync(nameof(JobStatusEntity.Start), new StartJob { JobType = "lecture-media", At = T0 });
        return host;
    }

    private static (string Operation, object Input) OperationTo(JobStatus to) => to switch
    {
        JobStatus.Pending => (nameof(JobStatusEntity.ResetForRetry), new ResetJobForRetry { At = At(60) }),
        JobStatus.Running => (nameof(JobStatusEntity.Start), new StartJob { JobType = "lecture-media", At = At(60) }),
        JobStatus.Completed or JobStatus.CompletedWithErrors => (nameof(JobStatusEntity.Complete), new CompleteJob { At = At(60) }),
        JobStatus.Failed => (nameof(JobStatusEntity.Fail), new FailJob { At = At(60), Error = new JobError { Type = "Boom", Message = "It broke." } }),
        JobStatus.Cancelled => (nameof(JobStatusEntity.Cancel), new CancelJob { At = At(60) }),
        _ => throw new ArgumentOutOfRangeException(nameof(to)),
    };
}
