using Pipeline.Domain.Assets;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Status;
using static Pipeline.Domain.Tests.Status.StatusTestData;

namespace Pipeline.Domain.Tests.Status;

public sealed class JobStatusEntityOverflowTests
{
    private const string JobId = "lecture-0001";
    private const string SegmentPrefix = "jobs/lecture-0001/status/steps-";

    [Fact]
    public async Task RecordSteps_TenThousandStepsInBatchesOfFifty_StaysUnderThresholdAndReadsBackCompleteInOrder()
    {
        var blobs = new StatusTestBlobStore();
        var host = new JobStatusEntityHost(JobId, blobs);
        var all = Steps(1, 10_000);

        foreach (var batch in all.Chunk(50))
        {
            await host.CallAsync(nameof(JobStatusEntity.RecordSteps), Batch(batch));
            Assert.True(host.StateBytes <= JobStatusOptions.DefaultOverflowThresholdBytes, $"State is {host.StateBytes} bytes.");
        }

        var state = host.State;
        Assert.NotEmpty(state.Segments);
        Assert.Equal(all, await host.ReadLogAsync());
        Assert.Equal(10_000, state.StepCount);
        Assert.Equal(5_000, state.Stages[0].Succeeded);
        Assert.All(blobs.Keys, k => Assert.StartsWith(SegmentPrefix, k, StringComparison.Ordinal));
        Assert.All(blobs.WritesByKey, w => Assert.Equal(1, w.Value));
        var stepBytes = all.Sum(s => (long)SizeOf(s));
        Assert.True(blobs.BytesWritten <= 2 * stepBytes, $"{blobs.BytesWritten} bytes written to blobs for {stepBytes} bytes of steps.");
    }

    [Fact]
    public async Task ReadAsync_ReferencesSealedIntoIndexSegments_ReturnsEveryStepInOrder()
    {
        var host = new JobStatusEntityHost(JobId, new StatusTestBlobStore(), thresholdBytes: 2048);
        var all = Steps(1, 3_000);

        foreach (var batch in all.Chunk(20))
        {
            await host.CallAsync(nameof(JobStatusEntity.RecordSteps), Batch(batch));
            Assert.True(host.StateBytes <= 2048, $"State is {host.StateBytes} bytes.");
        }

        Assert.Contains(host.State.Segments, s => s.Level > 0);
        Assert.Equal(all, await host.ReadLogAsync());
    }

    [Fact]
    public async Task RecordSteps_OneBatchLargerThanTheThreshold_SealsItAllAtOnce()
    {
        var host = new JobStatusEntityHost(JobId, new StatusTestBlobStore(), thresholdBytes: 4096);
        var all = Steps(1, 500);

        await host.CallAsync(nameof(JobStatusEntity.RecordSteps), Batch(all));

        Assert.True(host.StateBytes <= 4096, $"State is {host.StateBytes} bytes.");
        Assert.Equal(all, await host.ReadLogAsync());
    }

    [Fact]
    public async Task RecordSteps_SegmentWriteFails_OperationFailsAndStateIsUnchanged()
    {
        var blobs = new StatusTestBlobStore();
        var host = new JobStatusEntityHost(JobId, blobs, thresholdBytes: 4096);
        await host.CallAsync(nameof(JobStatusEntity.RecordSteps), Batch(Steps(1, 10)));
        var before = host.StateJson;
        var overflowing = Batch(Steps(11, 40));
        blobs.FailWrite = _ => true;

        await Assert.ThrowsAsync<IOException>(() => host.CallAsync(nameof(JobStatusEntity.RecordSteps), overflowing));

        Assert.Equal(before, host.StateJson);
        Assert.Empty(host.State.Segments);
        blobs.FailWrite = null;
        Assert.Equal(40, await host.CallAsync<int>(nameof(JobStatusEntity.RecordSteps), overflowing));
        Assert.Equal(Steps(1, 50), await host.ReadLogAsync());
    }

    [Fact]
    public async Task RecordSteps_SecondSegmentWriteFails_NoReferenceToAnyBlobOfTheFailedOperation()
    {
        var blobs = new StatusTestBlobStore();
        var host = new JobStatusEntityHost(JobId, blobs, thresholdBytes: 4096);
        await host.CallAsync(nameof(JobStatusEntity.RecordSteps), Batch(Steps(1, 10)));
        var before = host.StateJson;
        var writes = 0;
        blobs.FailWrite = _ => ++writes == 2;

        await Assert.ThrowsAsync<IOException>(() => host.CallAsync(nameof(JobStatusEntity.RecordSteps), Batch(Steps(11, 300))));

        Assert.Equal(before, host.StateJson);
        blobs.FailWrite = null;
        await host.CallAsync(nameof(JobStatusEntity.RecordSteps), Batch(Steps(11, 300)));
        Assert.Equal(Steps(1, 310), await host.ReadLogAsync());
    }

    [Fact]
    public async Task ResetForRetry_AfterOverflow_LeavesNoSegmentBlobsAndNoReferences()
    {
        var blobs = new StatusTestBlobStore();
        var host = await OverflowedAndFailedAsync(blobs);
        Assert.NotEmpty(blobs.Keys);

        await host.CallAsync(nameof(JobStatusEntity.ResetForRetry), new ResetJobForRetry { At = At(100_000) });

        var state = host.State;
        Assert.Empty(blobs.Keys);
        Assert.Empty(state.Segments);
        Assert.Empty(state.Steps);
        Assert.Empty(await host.ReadLogAsync());
        Assert.Equal(JobStatus.Pending, state.Status);
        var stage = Assert.Single(state.Stages);
        Assert.Equal((JobStatus.Pending, 1_000, 0, 0), (stage.Status, stage.Succeeded, stage.Failed, stage.InFlight));
    }

    [Fact]
    public async Task ResetForRetry_ThenNewRun_RecordsFromSequenceOneWithoutTouchingOldKeys()
    {
        var blobs = new StatusTestBlobStore();
        var host = await OverflowedAndFailedAsync(blobs);
        var oldKeys = blobs.Keys;
        await host.CallAsync(nameof(JobStatusEntity.ResetForRetry), new ResetJobForRetry { At = At(100_000) });
        await host.CallAsync(nameof(JobStatusEntity.Start), new StartJob { JobType = "lecture-media", At = At(100_001) });

        var rerun = Steps(1, 2_000);
        foreach (var batch in rerun.Chunk(50))
        {
            await host.CallAsync(nameof(JobStatusEntity.RecordSteps), Batch(batch));
        }

        Assert.Equal(rerun, await host.ReadLogAsync());
        Assert.Empty(blobs.Keys.Intersect(oldKeys));
    }

    [Fact]
    public async Task ResetForRetry_CompletedJob_ThrowsAndKeepsLogAndBlobs()
    {
        var blobs = new StatusTestBlobStore();
        var host = new JobStatusEntityHost(JobId, blobs, thresholdBytes: 4096);
        await host.CallAsync(nameof(JobStatusEntity.Start), new StartJob { JobType = "lecture-media", At = T0 });
        await host.CallAsync(nameof(JobStatusEntity.RecordSteps), Batch(Steps(1, 100)));
        await host.CallAsync(nameof(JobStatusEntity.Complete), new CompleteJob { At = At(200) });
        var keys = blobs.Keys;
        Assert.NotEmpty(keys);

        await Assert.ThrowsAsync<InvalidJobTransitionException>(() => host.CallAsync(nameof(JobStatusEntity.ResetForRetry), new ResetJobForRetry { At = At(300) }));

        Assert.Equal(keys, blobs.Keys);
        Assert.Equal(Steps(1, 100), await host.ReadLogAsync());
    }

    [Theory]
    [InlineData("delete")]
    [InlineData(nameof(JobStatusEntity.Purge))]
    public async Task Purge_AfterOverflow_RemovesStateAndEverySegmentBlob(string operation)
    {
        var blobs = new StatusTestBlobStore();
        var host = await OverflowedAndFailedAsync(blobs);

        await host.CallAsync(operation);

        Assert.Null(host.StateJson);
        Assert.Empty(blobs.Keys);
    }

    private static async Task<JobStatusEntityHost> OverflowedAndFailedAsync(StatusTestBlobStore blobs)
    {
        var host = new JobStatusEntityHost(JobId, blobs, thresholdBytes: 4096);
        await host.CallAsync(nameof(JobStatusEntity.Start), new StartJob { JobType = "lecture-media", At = T0 });
        await host.CallAsync(nameof(JobStatusEntity.StageStarted), new StageStarted { Stage = "images", Total = 1_001, At = T0 });
        foreach (var batch in Steps(1, 2_000).Chunk(50))
        {
            await host.CallAsync(nameof(JobStatusEntity.RecordSteps), Batch(batch));
        }

        await host.CallAsync(nameof(JobStatusEntity.RecordSteps), Batch([Step(2_001, "images", "last", AssetStatus.Running), Step(2_002, "images", "last", AssetStatus.Failed)]));
        await host.CallAsync(nameof(JobStatusEntity.StageCompleted), new StageCompleted { Stage = "images", At = At(5_000) });
        await host.CallAsync(nameof(JobStatusEntity.Complete), new CompleteJob { At = At(5_001) });
        Assert.Equal(JobStatus.CompletedWithErrors, host.State.Status);
        Assert.NotEmpty(host.State.Segments);
        return host;
    }
}
