using System.Globalization;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Status;
using static Pipeline.Domain.Tests.Status.StatusTestData;

namespace Pipeline.Domain.Tests.Status;

public sealed class JobStatusEntityRecordStepsTests
{
    private const string JobId = "lecture-0001";

    [Fact]
    public async Task RecordSteps_SameBatchRedelivered_CountsAndLogUnchanged()
    {
        var host = new JobStatusEntityHost(JobId, new StatusTestBlobStore());
        var batch = Batch(
        [
            Step(1, "images", "a", AssetStatus.Running),
            Step(2, "images", "b", AssetStatus.Running),
            Step(3, "images", "a", AssetStatus.Succeeded),
            Step(4, "images", "b", AssetStatus.Failed),
        ]);
        Assert.Equal(4, await host.CallAsync<int>(nameof(JobStatusEntity.RecordSteps), batch));
        var afterFirst = host.StateJson;

        var appliedAgain = await host.CallAsync<int>(nameof(JobStatusEntity.RecordSteps), batch);

        Assert.Equal(0, appliedAgain);
        Assert.Equal(afterFirst, host.StateJson);
        var stage = Assert.Single(host.State.Stages);
        Assert.Equal((1, 1, 0), (stage.Succeeded, stage.Failed, stage.InFlight));
        Assert.Equal([1L, 2, 3, 4], (await host.ReadLogAsync()).Select(s => s.Sequence));
    }

    [Fact]
    public async Task RecordSteps_CompactAssets_TakeSequenceStageAndTimeFromTheBatchAndMergeWithFullSteps()
    {
        var host = new JobStatusEntityHost(JobId, new StatusTestBlobStore());
        var batch = new RecordStepsBatch
        {
            Source = "images",
            Steps = [Step(1, "images", "b", AssetStatus.Running)],
            Stage = "images",
            At = At(30),
            First = 2,
            Assets = [new AssetStep("a", AssetStatus.Failed) { Error = new AssetError(FailureKind.Permanent, "ContentPolicy", "refused") }, new AssetStep("b", AssetStatus.Succeeded)],
        };

        Assert.Equal(3, await host.CallAsync<int>(nameof(JobStatusEntity.RecordSteps), batch));
        Assert.Equal(0, await host.CallAsync<int>(nameof(JobStatusEntity.RecordSteps), batch));

        var log = await host.ReadLogAsync();
        Assert.Equal([(1L, "b"), (2L, "a"), (3L, "b")], log.Select(s => (s.Sequence, s.AssetId!)));
        Assert.Equal(("images", "images", At(30), "refused"), (log[1].Stage, log[1].Name, log[1].EndedAt, log[1].Error!.Message));
        Assert.Equal((1, 1), (Assert.Single(host.State.Stages).Succeeded, host.State.Stages[0].Failed));
    }

    [Fact]
    public async Task RecordSteps_CompactAssetsWithoutTheirStage_IsRejectedNamingTheMissingFields()
    {
        var host = new JobStatusEntityHost(JobId, new StatusTestBlobStore());
        var batch = new RecordStepsBatch { Source = "s", Name = "GenerateImageActivity", At = At(1), First = 1, Assets = [new AssetStep("a", AssetStatus.Succeeded)] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.CallAsync(nameof(JobStatusEntity.RecordSteps), batch));

        Assert.Contains("must give their Stage, At and First", error.Message, StringComparison.Ordinal);
        Assert.Null(host.StateJson);
    }

    [Fact]
    public async Task RecordSteps_NoSourceAndNoStage_IsRejectedAndTheStageNameCountsAsTheSource()
    {
        var host = new JobStatusEntityHost(JobId, new StatusTestBlobStore());
        var anonymous = new RecordStepsBatch { Steps = [Step(1, "images", "a", AssetStatus.Succeeded)] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.CallAsync(nameof(JobStatusEntity.RecordSteps), anonymous));
        Assert.Contains("must name its Source or Stage", error.Message, StringComparison.Ordinal);

        var byStage = new RecordStepsBatch { Stage = "images", At = At(5), First = 1, Assets = [new AssetStep("a", AssetStatus.Succeeded)] };
        Assert.Equal(1, await host.CallAsync<int>(nameof(JobStatusEntity.RecordSteps), byStage));
        Assert.Equal(0, await host.CallAsync<int>(nameof(JobStatusEntity.RecordSteps), byStage with { Source = "images" }));
        Assert.Equal(1, await host.CallAsync<int>(nameof(JobStatusEntity.RecordSteps), byStage with { Source = "job:images:0000/images" }));
    }

    [Fact]
    public async Task RecordSteps_OverlappingBatch_AppliesOnlyTheNewSteps()
    {
        var host = new JobStatusEntityHost(JobId, new StatusTestBlobStore());
        await host.CallAsync(nameof(JobStatusEntity.RecordSteps), Batch(Steps(1, 4)));

        var applied = await host.CallAsync<int>(nameof(JobStatusEntity.RecordSteps), Batch(Steps(3, 4)));

        Assert.Equal(2, applied);
        Assert.Equal([1L, 2, 3, 4, 5, 6], (await host.ReadLogAsync()).Select(s => s.Sequence));
        Assert.Equal(6, host.State.HighestSequence);
    }

    [Fact]
    public async Task RecordSteps_TwoSendersWithOverlappingSequenceNumbers_KeepsBoth()
    {
        var host = new JobStatusEntityHost(JobId, new StatusTestBlobStore());
        await host.CallAsync(nameof(JobStatusEntity.RecordSteps), Batch([Step(1, "images", "a", AssetStatus.Succeeded)], "images-0"));

        var applied = await host.CallAsync<int>(nameof(JobStatusEntity.RecordSteps), Batch([Step(1, "images", "b", AssetStatus.Succeeded)], "images-1"));

        Assert.Equal(1, applied);
        Assert.Equal(2, Assert.Single(host.State.Stages).Succeeded);
    }

    [Fact]
    public async Task RecordSteps_AssetFailsThenSucceedsOnNextAttempt_CountsOnceByLatestStatus()
    {
        var host = new JobStatusEntityHost(JobId, new StatusTestBlobStore());
        await host.CallAsync(nameof(JobStatusEntity.RecordSteps), Batch(
        [
            Step(1, "images", "a", AssetStatus.Running),
            Step(2, "images", "a", AssetStatus.Failed),
        ]));
        Assert.Equal((0, 1, 0), Counts(host.State.Stages[0]));

        await host.CallAsync(nameof(JobStatusEntity.RecordSteps), Batch(
        [
            Step(3, "images", "a", AssetStatus.Running, attempt: 2),
            Step(4, "images", "a", AssetStatus.Succeeded, attempt: 2),
        ]));

        Assert.Equal((1, 0, 0), Counts(host.State.Stages[0]));
        Assert.Empty(host.State.Stages[0].OpenAssets);
    }

    [Fact]
    public async Task RecordSteps_StepWithoutSequence_FailsAndAppliesNothing()
    {
        var host = new JobStatusEntityHost(JobId, new StatusTestBlobStore());
        await host.CallAsync(nameof(JobStatusEntity.RecordSteps), Batch(Steps(1, 2)));
        var before = host.StateJson;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.CallAsync(nameof(JobStatusEntity.RecordSteps), Batch([.. Steps(3, 1), Step(0, "images", "x", AssetStatus.Running)])));

        Assert.Equal(before, host.StateJson);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    [InlineData(2026)]
    public async Task RecordSteps_SeededRandomBatchesWithRedeliveries_CountsAlwaysMatchTheLog(int seed)
    {
        var random = new Random(seed);
        var host = new JobStatusEntityHost(JobId, new StatusTestBlobStore(), thresholdBytes: 4096);
        var senders = new[] { ("images-0", "images"), ("images-1", "images"), ("narration-0", "narration") }
            .Select(s => new Sender(s.Item1, Lifecycles(random, s.Item1, s.Item2)))
            .ToList();
        var expectedLog = new List<StepRecord>();

        for (var round = 0; senders.Exists(s => s.Sent < s.Steps.Count); round++)
        {
            var sender = senders[random.Next(senders.Count)];
            if (sender.Sent == sender.Steps.Count)
            {
                continue;
            }

            // Sometimes an earlier batch again (redelivery), sometimes a batch reaching back into sent steps.
            var start = random.Next(4) == 0 ? random.Next(sender.Sent + 1) : sender.Sent;
            var end = Math.Min(sender.Steps.Count, Math.Max(start + 1, sender.Sent + random.Next(0, 12)));
            var steps = sender.Steps.GetRange(start, end - start);
            var shuffled = steps.OrderBy(_ => random.Next()).ToList();

            var applied = await host.CallAsync<int>(nameof(JobStatusEntity.RecordSteps), Batch(shuffled, sender.Name));

            var fresh = steps.Where(s => s.Sequence > sender.Steps[Math.Max(sender.Sent - 1, 0)].Sequence || sender.Sent == 0).ToList();
            Assert.Equal(fresh.Count, applied);
            expectedLog.AddRange(fresh);
            sender.Sent = Math.Max(sender.Sent, end);

            var log = await host.ReadLogAsync();
            Assert.Equal(expectedLog, log);
            var state = host.State;
            Assert.True(host.StateBytes <= host.ThresholdBytes, $"Round {round}: state is {host.StateBytes} bytes.");
            Assert.Equal(log.Count, state.StepCount);
            var expected = CountsFromLog(log);
            Assert.Equal(expected.Keys.Order(), state.Stages.Select(s => s.Name).Order());
            foreach (var stage in state.Stages)
            {
                Assert.Equal(expected[stage.Name], Counts(stage));
            }
        }

        Assert.NotEmpty(host.State.Segments);
    }

    private static (int Succeeded, int Failed, int InFlight) Counts(StageProgress stage) => (stage.Succeeded, stage.Failed, stage.InFlight);

    /// <summary>Every asset's steps in order (run, maybe fail and run again, then end), interleaved across assets.</summary>
    private static List<StepRecord> Lifecycles(Random random, string sender, string stage)
    {
        var perAsset = Enumerable.Range(0, 40).Select(i =>
        {
            var asset = string.Create(CultureInfo.InvariantCulture, $"{sender}-{i:D3}");
            var statuses = new List<(AssetStatus Status, int Attempt)>();
            var attempts = random.Next(1, 4);
            for (var attempt = 1; attempt <= attempts; attempt++)
            {
                statuses.Add((AssetStatus.Running, attempt));
                if (attempt < attempts)
                {
                    statuses.Add((AssetStatus.Failed, attempt));
                }
            }

            var end = random.Next(10) switch { < 6 => AssetStatus.Succeeded, < 9 => AssetStatus.Failed, _ => AssetStatus.Skipped };
            if (random.Next(8) > 0)
            {
                statuses.Add((end, attempts));
            }

            return new Queue<(string Asset, AssetStatus Status, int Attempt)>(statuses.Select(s => (asset, s.Status, s.Attempt)));
        }).ToList();

        var steps = new List<StepRecord>();
        while (perAsset.Exists(q => q.Count > 0))
        {
            var queue = perAsset.Where(q => q.Count > 0).ElementAt(random.Next(perAsset.Count(q => q.Count > 0)));
            var (asset, status, attempt) = queue.Dequeue();
            steps.Add(Step((steps.Count * 3) + 1 + random.Next(3), stage, asset, status, attempt));
        }

        return steps;
    }

    private sealed class Sender(string name, List<StepRecord> steps)
    {
        public string Name { get; } = name;

        public List<StepRecord> Steps { get; } = steps;

        public int Sent { get; set; }
    }

    [Fact]
    public async Task RecordSteps_CompactAssetsWithRetries_OneStepPerAttemptWithItsTimes_BlobsDescribedFromTheStore_AndTheStageEnded()
    {
        var blobs = new StatusTestBlobStore();
        var stored = await blobs.PutAsync($"jobs/{JobId}/images/a.png", new MemoryStream([1, 2, 3, 4, 5]), "image/png");
        var odd = await blobs.PutAsync($"jobs/{JobId}/images/elsewhere.png", new MemoryStream([9, 9]), "image/png");
        var host = new JobStatusEntityHost(JobId, blobs);
        var transient = new AssetError(FailureKind.Transient, "TransientAssetException", "a: rate limited");
        var batch = new RecordStepsBatch
        {
            Stage = "images",
            At = At(100),
            First = 1,
            Keys = $"jobs/{JobId}/images/*.png",
            CompletesStage = true,
            Assets =
            [
                new AssetStep("a", AssetStatus.Succeeded)
                {
                    StartMs = 9_000,
                    EndMs = 500,
                    Failures = [new FailedAttempt(40_000, transient) { EndMs = 38_000 }, new FailedAttempt(30_000, transient with { Message = "a: rate limited again" }) { EndMs = 25_000 }],
                },
                new AssetStep("b", AssetStatus.Succeeded) { StartMs = 2_000, Key = odd.Key },
                new AssetStep("gone", AssetStatus.Succeeded) { StartMs = 1_000 },
            ],
        };

        Assert.Equal(5, await host.CallAsync<int>(nameof(JobStatusEntity.RecordSteps), batch));

        var log = await host.ReadLogAsync();
        Assert.Equal([(1L, "a", 1), (2L, "a", 2), (3L, "a", 3), (4L, "b", 1), (5L, "gone", 1)], log.Select(s => (s.Sequence, s.AssetId!, s.Attempt)));
        Assert.Equal(
            [(At(60), At(62), AssetStatus.Failed), (At(70), At(75), AssetStatus.Failed), (At(91), At(100).AddMilliseconds(-500), AssetStatus.Succeeded)],
            log.Take(3).Select(s => (s.StartedAt!.Value, s.EndedAt!.Value, s.Status)));
        Assert.Equal(["a: rate limited", "a: rate limited again"], log.Take(2).Select(s => s.Error!.Message));
        Assert.Equal(stored, log[2].Blob);
        Assert.Equal(odd, log[3].Blob);
        Assert.Null(log[4].Blob); // no such blob: the step is kept without its details
        var stage = Assert.Single(host.State.Stages);
        Assert.Equal((3, 0, JobStatus.Completed, At(100)), (stage.Succeeded, stage.Failed, stage.Status, stage.EndedAt!.Value));
    }
}
