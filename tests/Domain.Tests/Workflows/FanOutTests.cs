using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;
using Pipeline.Domain.Workflows;
using Pipeline.Runtime.History;
using Pipeline.Runtime.Testing;
using Pipeline.Testing;

namespace Pipeline.Domain.Tests.Workflows;

public sealed class FanOutTests
{
    [Fact]
    public async Task FanOut_WindowOfFour_KeepsAtMostFourInFlightAndAllSucceed()
    {
        await using var host = Host(out var clock);
        var assets = Assets(20, i => new SimulatedAsset($"a{i:D2}", 100 + (i * 37 % 250)));

        var outcomes = await RunAsync(host, clock, "window-job", Request("window-job", assets, window: 4));

        Assert.Equal(assets.Select(a => a.AssetId), outcomes.Select(o => o.AssetId));
        Assert.All(outcomes, o => Assert.Equal(AssetStatus.Succeeded, o.Status));
        Assert.Equal(4, clock.PeakParked);
        Assert.All(assets, a => Assert.Equal(1, host.Log.Count(a.AssetId)));
    }

    [Fact]
    public async Task FanOut_OneSlowAsset_DoesNotHoldBackTheOthers()
    {
        await using var host = Host(out var clock);
        var assets = Assets(9, i => new SimulatedAsset($"a{i}", i == 0 ? 1000 : 100));
        var start = host.Clock.GetUtcNow();

        await RunAsync(host, clock, "slow-job", Request("slow-job", assets, window: 3));

        // Sliding window: the 8 fast assets flow through the two free slots while the slow one runs (1000 ms), where a
        // chunk barrier of 3 would take 1000 + 100 + 100 ms.
        Assert.Equal(TimeSpan.FromMilliseconds(1000), host.Clock.GetUtcNow() - start);
    }

    [Fact]
    public async Task FanOut_TasksWithCosts_StartTheMostExpensiveFirstAndKeepTheRequestOrder()
    {
        // Four 1 s assets and a 4 s one listed last, two slots: in request order the long one starts at 2 s and ends
        // the stage at 6 s; started first it runs beside the four short ones and the stage ends at 4 s.
        var assets = Assets(5, i => new SimulatedAsset($"a{i}", i == 4 ? 4000 : 1000));
        var makespans = new List<TimeSpan>();
        foreach (var withCosts in new[] { false, true })
        {
            await using var host = Host(out var clock);
            var request = Request("cost-job", assets, window: 2) with { Tasks = [.. assets.Select(a => AssetTask.For(a.AssetId, a, withCosts ? a.LatencyMs : null))] };
            var start = host.Clock.GetUtcNow();

            var outcomes = await RunAsync(host, clock, "cost-job", request);

            makespans.Add(host.Clock.GetUtcNow() - start);
            Assert.Equal(assets.Select(a => a.AssetId), outcomes.Select(o => o.AssetId));
            Assert.All(outcomes, o => Assert.Equal(AssetStatus.Succeeded, o.Status));
        }

        Assert.Equal([TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(4)], makespans);
    }

    [Fact]
    public async Task FanOut_SplitWithCosts_DealsTheExpensiveAssetsAcrossChildren()
    {
        await using var host = Host(out var clock);
        var assets = Assets(30, i => new SimulatedAsset($"a{i:D2}", 100 + (i * 10)));
        var request = Request("deal-job", assets, window: 6, chunkSize: 10) with { Tasks = [.. assets.Select(a => AssetTask.For(a.AssetId, a, a.LatencyMs))] };

        var outcomes = await RunAsync(host, clock, "deal-job", request);

        Assert.Equal(assets.Select(a => a.AssetId), outcomes.Select(o => o.AssetId));
        var children = new List<List<string>>();
        foreach (var id in new[] { "deal-job:images:0000", "deal-job:images:0001", "deal-job:images:0002" })
        {
            var child = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            children.Add([.. child!.ReadInputAs<FanOutRequest>()!.Tasks.Select(t => t.AssetId)]);
        }

        Assert.Equal(["a29", "a28", "a27"], children.Select(c => c[0]));
        Assert.All(children, c => Assert.Equal(10, c.Count));
        Assert.Equal(assets.Select(a => a.AssetId).Order(), children.SelectMany(c => c).Order());
        Assert.All(assets, a => Assert.Equal(1, host.Log.Count(a.AssetId)));
    }

    [Theory]
    [InlineData(1_000, 100, 4, 12, 84)]
    [InlineData(2_000, 100, 4, 20, 100)]
    [InlineData(25, 10, 3, 3, 9)]
    [InlineData(101, 100, 4, 2, 51)]
    public void ChunkOrder_RoundsChildrenUpToAMultipleOfThoseInFlight(int tasks, int chunkSize, int inFlight, int children, int largest)
    {
        foreach (var withCosts in new[] { false, true })
        {
            var list = Enumerable.Range(0, tasks).Select(i => AssetTask.For($"a{i}", i, withCosts ? i % 7 : null)).ToList();

            var chunks = FanOut.ChunkOrder(list, chunkSize, inFlight);

            Assert.Equal(children, chunks.Count);
            Assert.Equal(largest, chunks.Max(c => c.Count));
            Assert.Equal(Enumerable.Range(0, tasks), chunks.SelectMany(c => c).Order());
        }
    }

    [Fact]
    public async Task FanOut_AboveChunkSize_SplitsIntoChildrenWithDeterministicIds()
    {
        await using var host = Host(out var clock);
        var assets = Assets(25, i => new SimulatedAsset($"a{i:D2}", 50));

        var outcomes = await RunAsync(host, clock, "split-job", Request("split-job", assets, window: 6, chunkSize: 10));

        Assert.Equal(assets.Select(a => a.AssetId), outcomes.Select(o => o.AssetId));
        var children = host.Runtime.ListInstances().Where(i => i.InstanceId.StartsWith("split-job:", StringComparison.Ordinal)).Select(i => i.InstanceId).Order();
        Assert.Equal(["split-job:images:0000", "split-job:images:0001", "split-job:images:0002"], children);
        Assert.True(clock.PeakParked <= 6, $"peak {clock.PeakParked} activities in flight");
        Assert.All(assets, a => Assert.Equal(1, host.Log.Count(a.AssetId)));
    }

    [Fact]
    public async Task FanOut_TwoThousandAssets_SplitsAndNoHistoryExceedsSixEventsPerChunkAsset()
    {
        const int chunkSize = 100;
        await using var host = Host(out var clock);
        var assets = Assets(2_000, i => new SimulatedAsset($"a{i:D4}", 100 + (i * 7919 % 900)));

        var outcomes = await RunAsync(host, clock, "big-job", Request("big-job", assets, window: 16, chunkSize: chunkSize));

        Assert.Equal(2_000, outcomes.Count(o => o.Status == AssetStatus.Succeeded));
        var instances = host.Runtime.ListInstances();
        Assert.Equal(21, instances.Count);
        Assert.All(instances, i => Assert.True(
            host.Runtime.GetCounters(i.InstanceId)!.HistoryEvents <= 6 * chunkSize,
            $"{i.InstanceId} has {host.Runtime.GetCounters(i.InstanceId)!.HistoryEvents} history events"));
        Assert.True(clock.PeakParked <= 16);
    }

    [Fact]
    public async Task FanOut_TransientFailures_RetriesOnlyThoseAssets()
    {
        await using var host = Host(out var clock);
        var assets = Assets(10, i => new SimulatedAsset($"a{i}", 100, TransientFailures: i % 3 == 0 ? 2 : 0));

        var outcomes = await RunAsync(host, clock, "transient-job", Request("transient-job", assets, window: 4));

        Assert.All(outcomes, o => Assert.Equal(AssetStatus.Succeeded, o.Status));
        Assert.All(assets, a => Assert.Equal(a.TransientFailures + 1, host.Log.Count(a.AssetId)));
    }

    [Fact]
    public async Task FanOut_RetriesExhausted_RecordsTransientFailureAndKeepsOthers()
    {
        await using var host = Host(out var clock);
        var assets = Assets(5, i => new SimulatedAsset($"a{i}", 100, TransientFailures: i == 2 ? 99 : 0));
        var request = Request("exhausted-job", assets, window: 4) with { Retry = new AssetRetryOptions { MaxAttempts = 3, FirstInterval = TimeSpan.FromSeconds(1) } };

        var outcomes = await RunAsync(host, clock, "exhausted-job", request);

        var failed = Assert.Single(outcomes, o => o.Status == AssetStatus.Failed);
        Assert.Equal("a2", failed.AssetId);
        Assert.Equal(FailureKind.Transient, failed.Error!.Kind);
        Assert.Contains("rate limited", failed.Error.Message, StringComparison.Ordinal);
        Assert.Equal(3, host.Log.Count("a2"));
    }

    [Fact]
    public async Task FanOut_PermanentFailure_IsRecordedWithoutRetry()
    {
        await using var host = Host(out var clock);
        var assets = Assets(4, i => new SimulatedAsset($"a{i}", 100, Permanent: i == 1));

        var outcomes = await RunAsync(host, clock, "permanent-job", Request("permanent-job", assets, window: 4));

        var failed = Assert.Single(outcomes, o => o.Status == AssetStatus.Failed);
        Assert.Equal(FailureKind.Permanent, failed.Error!.Kind);
        Assert.Equal(1, host.Log.Count("a1"));
    }

    [Fact]
    public async Task FanOut_ReportsEveryAssetToStatusEntityAndSmallCustomStatus()
    {
        await using var host = Host(out var clock);
        var assets = Assets(30, i => new SimulatedAsset($"a{i:D2}", 100 + (i * 53 % 400), Permanent: i == 7));

        await RunAsync(host, clock, "status-job", Request("status-job", assets, window: 5, chunkSize: 12));

        var state = (await host.Client.Entities.GetEntityAsync<JobStatusState>(JobStatusEntity.IdFor("status-job")))!.State;
        var stage = Assert.Single(state.Stages);
        Assert.Equal((30, 29, 1), (stage.Total, stage.Succeeded, stage.Failed));
        var instance = await host.Client.GetInstanceAsync("status-job");
        Assert.True(instance!.SerializedCustomStatus!.Length <= 4096);
        Assert.Contains("\"done\":30", instance.SerializedCustomStatus, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public async Task FanOut_StatusReports_GoTogetherWithinTheIntervalAndRecordEveryAssetOnce(int intervalMs)
    {
        await using var host = Host(out var clock);
        var assets = Assets(60, i => new SimulatedAsset($"a{i:D2}", 100 + (i * 53 % 400), Permanent: i == 11));
        var interval = TimeSpan.FromMilliseconds(intervalMs);

        await RunAsync(host, clock, "report-job", Request("report-job", assets, window: 8) with { ReportInterval = interval });

        var history = host.Runtime.GetHistory("report-job")!;
        var reports = history.Where(e => e is { Type: HistoryEventType.EntityOperationSignaled, Name: nameof(JobStatusEntity.RecordSteps) }).ToList();
        var episodesWithCompletions = history.Where(e => e.Type == HistoryEventType.TaskCompleted).Select(e => e.Timestamp).Distinct().Count();
        if (interval == TimeSpan.Zero)
        {
            Assert.Equal(episodesWithCompletions, reports.Count);
        }
        else
        {
            Assert.InRange(reports.Count, 2, episodesWithCompletions / 3);
            Assert.All(reports.Zip(reports.Skip(1)).SkipLast(1), pair => Assert.True(
                pair.Second.Timestamp - pair.First.Timestamp >= interval,
                $"reports at {pair.First.Timestamp:HH:mm:ss.fff} and {pair.Second.Timestamp:HH:mm:ss.fff}"));
        }

        var state = (await host.Client.Entities.GetEntityAsync<JobStatusState>(JobStatusEntity.IdFor("report-job")))!.State;
        Assert.Equal((60, 59, 1), (state.Stages.Single().Total, state.Stages.Single().Succeeded, state.Stages.Single().Failed));
        Assert.Equal(assets.Select(a => a.AssetId).Order(), state.Steps.Select(s => s.AssetId!).Order());
        Assert.All(state.Steps, s => Assert.Equal(("images", "images"), (s.Stage, s.Name)));
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), state.Steps.Select(s => s.Sequence).Order());
        Assert.Equal("a11", Assert.Single(state.Steps, s => s.Status == AssetStatus.Failed).AssetId);
    }

    [Fact]
    public async Task Replay_FanOutWithSplitting_IssuesIdenticalCommands()
    {
        await using var host = Host(out var clock);
        var assets = Assets(25, i => new SimulatedAsset($"a{i:D2}", 50 + (i * 31 % 120), TransientFailures: i % 5 == 0 ? 1 : 0));
        await RunAsync(host, clock, "replay-job", Request("replay-job", assets, window: 6, chunkSize: 10));

        foreach (var id in new[] { "replay-job", "replay-job:images:0001" })
        {
            var replay = WorkflowReplayer.Replay(new FanOutChunkWorkflow(), nameof(FanOutChunkWorkflow), id, host.Runtime.GetHistory(id)!);
            Assert.True(replay.IsDeterministic, string.Join(Environment.NewLine, replay.ReplayedCommands));
            Assert.NotEmpty(replay.RecordedCommands);
        }
    }

    internal static TestRuntime Host(out VirtualActivityClock clock)
    {
        var catalog = new DurableCatalog().AddWorkflow<FanOutChunkWorkflow>().AddActivity<SimulatedAssetActivity>().AddEntity<JobStatusEntity>();
        var host = new TestRuntime(catalog, services: s => s
            .AddSingleton<IBlobStore, InMemoryBlobStore>()
            .AddOptions<JobStatusOptions>());
        clock = host.VirtualClock;
        return host;
    }

    internal static List<SimulatedAsset> Assets(int count, Func<int, SimulatedAsset> make) => Enumerable.Range(0, count).Select(make).ToList();

    internal static FanOutRequest Request(string jobId, IEnumerable<SimulatedAsset> assets, int window, int chunkSize = 100) => new()
    {
        JobId = jobId,
        Stage = "images",
        Activity = nameof(SimulatedAssetActivity),
        Tasks = assets.Select(a => AssetTask.For(a.AssetId, a)).ToList(),
        Window = window,
        ChunkSize = chunkSize,
    };

    private static async Task<List<AssetOutcome>> RunAsync(TestRuntime host, VirtualActivityClock clock, string jobId, FanOutRequest request)
    {
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutChunkWorkflow), request, new StartOrchestrationOptions(jobId));
        var result = await clock.RunToCompletionAsync(host.Runtime, jobId).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        return result.ReadOutputAs<List<AssetOutcome>>()!;
    }
}
