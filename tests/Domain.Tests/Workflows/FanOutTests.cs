using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;
using Pipeline.Domain.Workflows;
using Pipeline.Testing;
using Pipeline.Worker;

namespace Pipeline.Domain.Tests.Workflows;

public sealed class FanOutTests
{
    [Fact]
    public async Task FanOut_WindowOfFourWithOneAssetHeld_FillsTheWindowAndTheOthersFinishWithoutWaiting()
    {
        // Every activity waits until four run at once, so a window under four never gets going; one asset then stays
        // held while the other nineteen must all finish beside it, which a chunk barrier of four would not allow.
        var gate = new AssetGate(width: 4, notHeld: 19);
        await using var host = await StartAsync(s => s.AddSingleton(gate));
        var assets = Enumerable.Range(0, 20).Select(i => new GatedAsset($"a{i:D2}", Held: i == 0)).ToList();
        var request = Request("window-job", nameof(GatedAssetActivity), assets.Select(a => AssetTask.For(a.AssetId, a)), window: 4);

        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutChunkWorkflow), request, new StartOrchestrationOptions { InstanceId = "window-job" });
        await gate.OthersDone.WaitAsync(AssetGate.Patience);

        Assert.True(gate.HeldRunning, "the held asset should still be running while the others are done");
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync("window-job"))!.RuntimeStatus);
        gate.Release();
        var result = await host.CompleteAsync("window-job");

        var outcomes = OutcomesOf(result);
        Assert.Equal(assets.Select(a => a.AssetId), outcomes.Select(o => o.AssetId));
        Assert.All(outcomes, o => Assert.Equal(AssetStatus.Succeeded, o.Status));
        Assert.Equal(4, host.Log.PeakRunning);
        Assert.All(assets, a => Assert.Equal(1, host.Log.Count(a.AssetId)));
        Assert.True(result.SerializedCustomStatus!.Length <= 4096);
        Assert.Contains("\"done\":20", result.SerializedCustomStatus, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FanOut_TasksWithCosts_StartTheMostExpensiveFirstAndKeepTheRequestOrder()
    {
        await using var host = await StartAsync();
        double[] costs = [3, 1, 4, 1, 5];

        foreach (var withCosts in new[] { false, true })
        {
            var prefix = withCosts ? "cost" : "plain";
            var assets = costs.Select((_, i) => new SimulatedAsset($"{prefix}{i}", 10)).ToList();
            var tasks = assets.Select((a, i) => AssetTask.For(a.AssetId, a, withCosts ? costs[i] : null));

            var outcomes = await RunAsync(host, Request($"{prefix}-job", nameof(SimulatedAssetActivity), tasks, window: 1));

            Assert.Equal(assets.Select(a => a.AssetId), outcomes.Select(o => o.AssetId));
            Assert.All(outcomes, o => Assert.Equal(AssetStatus.Succeeded, o.Status));
        }

        Assert.Equal(
            ["plain0", "plain1", "plain2", "plain3", "plain4", "cost4", "cost2", "cost0", "cost1", "cost3"],
            host.Log.StartOrder);
    }

    [Fact]
    public async Task FanOut_AboveChunkSize_SplitsIntoChildrenWithDeterministicIdsThatShareTheWindowAndReplayWithoutNewActions()
    {
        await using var host = await StartAsync();

        // Without costs each child takes a consecutive run; one transient failure in five is retried inside its child.
        var plain = Enumerable.Range(0, 25).Select(i => new SimulatedAsset($"p{i:D2}", 50 + (i * 31 % 120), TransientFailures: i % 5 == 0 ? 1 : 0)).ToList();
        var plainRequest = Request("split-job", nameof(SimulatedAssetActivity), plain.Select(a => AssetTask.For(a.AssetId, a)), window: 6, chunkSize: 10) with
        {
            Retry = new AssetRetryOptions { MaxAttempts = 3, FirstInterval = TimeSpan.FromMilliseconds(200) },
        };
        var plainOutcomes = await RunAsync(host, plainRequest);
        var plainPeak = host.Log.PeakRunning;

        // With costs the start order is dealt out, so each child starts with one of the most expensive.
        var costed = Enumerable.Range(0, 30).Select(i => new SimulatedAsset($"c{i:D2}", 50 + (i * 5))).ToList();
        var costedOutcomes = await RunAsync(host, Request("deal-job", nameof(SimulatedAssetActivity), costed.Select(a => AssetTask.For(a.AssetId, a, a.LatencyMs)), window: 6, chunkSize: 10));

        Assert.Equal(plain.Select(a => a.AssetId), plainOutcomes.Select(o => o.AssetId));
        Assert.Equal(costed.Select(a => a.AssetId), costedOutcomes.Select(o => o.AssetId));
        Assert.All(plainOutcomes.Concat(costedOutcomes), o => Assert.Equal(AssetStatus.Succeeded, o.Status));
        Assert.True(host.Log.PeakRunning <= 6 && plainPeak <= 6, $"peak {host.Log.PeakRunning} activities in flight");
        Assert.All(plain, a => Assert.Equal(a.TransientFailures + 1, host.Log.Count(a.AssetId)));
        Assert.All(costed, a => Assert.Equal(1, host.Log.Count(a.AssetId)));

        Assert.Equal(["split-job", "split-job:images:0000", "split-job:images:0001", "split-job:images:0002"], await host.Engine.InstancesOfJobAsync("split-job"));
        Assert.Equal(["deal-job", "deal-job:images:0000", "deal-job:images:0001", "deal-job:images:0002"], await host.Engine.InstancesOfJobAsync("deal-job"));
        var plainChildren = await ChildTasksAsync(host, "split-job");
        Assert.Equal([.. plain.Select(a => a.AssetId).Chunk(9).Select(c => c.ToList())], plainChildren);
        var costedChildren = await ChildTasksAsync(host, "deal-job");
        Assert.Equal(["c29", "c28", "c27"], costedChildren.Select(c => c[0]));
        Assert.All(costedChildren, c => Assert.Equal(10, c.Count));
        Assert.Equal(costed.Select(a => a.AssetId).Order(), costedChildren.SelectMany(c => c).Order());

        // Splitting bounds every history: a few events per asset of a chunk, whatever the stage's size.
        foreach (var id in await host.Engine.InstancesOfJobAsync("deal-job"))
        {
            var events = (await host.Engine.HistoryAsync(id)).Count;
            Assert.True(events <= 6 * 10, $"{id} has {events} history events");
        }

        var replayer = new HistoryReplayer(host.Engine);
        foreach (var id in new[] { "split-job", "split-job:images:0001", "deal-job" })
        {
            var replay = await replayer.ReplayAsync(id);
            Assert.NotNull(replay.Completion);
            Assert.True(replay.IssuedNoNewActions, $"{id}: {string.Join(", ", replay.NewActions)}");
        }
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
    public async Task FanOut_Failures_RetriesTransientOnesWithGrowingBackoffAndNeverAPermanentOne()
    {
        await using var host = await StartAsync();
        var assets = new List<SimulatedAsset>
        {
            new("a0", 20, TransientFailures: 2),
            new("a1", 20, Permanent: true),
            new("a2", 20, TransientFailures: 99),
            new("a3", 20, TransientFailures: 2),
            new("a4", 20),
            new("a5", 20),
        };
        var request = Request("retry-job", nameof(SimulatedAssetActivity), assets.Select(a => AssetTask.For(a.AssetId, a)), window: 4) with
        {
            Retry = new AssetRetryOptions { MaxAttempts = 3, FirstInterval = TimeSpan.FromSeconds(2), BackoffCoefficient = 3 },
        };

        var outcomes = await RunAsync(host, request);

        Assert.Equal(assets.Select(a => a.AssetId), outcomes.Select(o => o.AssetId));
        Assert.Equal(
            [AssetStatus.Succeeded, AssetStatus.Failed, AssetStatus.Failed, AssetStatus.Succeeded, AssetStatus.Succeeded, AssetStatus.Succeeded],
            outcomes.Select(o => o.Status));
        Assert.Equal(FailureKind.Permanent, outcomes[1].Error!.Kind);
        Assert.Equal(FailureKind.Transient, outcomes[2].Error!.Kind);
        Assert.Contains("rate limited", outcomes[2].Error!.Message, StringComparison.Ordinal);

        var expected = new Dictionary<string, int> { ["a0"] = 3, ["a1"] = 1, ["a2"] = 3, ["a3"] = 3, ["a4"] = 1, ["a5"] = 1 };
        Assert.All(expected, e => Assert.Equal(e.Value, host.Log.Count(e.Key)));
        Assert.Equal(expected.Values.Sum(), (await host.Engine.HistoryAsync("retry-job")).OfType<TaskScheduledEvent>().Count());

        // The attempts of the asset that never recovers wait 2 s, then 6 s. The backend rounds a timer's queue delay down
        // to whole seconds and polls, so a timer fires up to about a second early or late: each gap is held to its
        // interval less a second, and the second gap must be the longer one.
        var attempts = host.Log.TimesOf("a2");
        Assert.Equal(3, attempts.Count);
        var (first, second) = (attempts[1] - attempts[0], attempts[2] - attempts[1]);
        Assert.True(first >= TimeSpan.FromSeconds(1) && second >= TimeSpan.FromSeconds(5) && second > first, $"gaps {first.TotalMilliseconds} ms, {second.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task FanOut_StatusReports_GoTogetherWithinTheIntervalAndRecordEveryAssetOnce()
    {
        await using var host = await StartAsync();
        foreach (var intervalMs in new[] { 0, 1000 })
        {
            var jobId = $"report-{intervalMs}";
            var assets = Enumerable.Range(0, 40).Select(i => new SimulatedAsset($"r{intervalMs}-{i:D2}", 100 + (i * 53 % 400), Permanent: i == 11)).ToList();
            var interval = TimeSpan.FromMilliseconds(intervalMs);

            await RunAsync(host, Request(jobId, nameof(SimulatedAssetActivity), assets.Select(a => AssetTask.For(a.AssetId, a)), window: 8) with { ReportInterval = interval });

            var episodes = Episodes(await host.Engine.HistoryAsync(jobId));
            var reports = episodes.Where(e => e.Events.OfType<EventSentEvent>().Any(IsRecordSteps)).Select(e => e.At).ToList();
            var signals = episodes.Sum(e => e.Events.OfType<EventSentEvent>().Count(IsRecordSteps));
            var withCompletions = episodes.Count(e => e.Events.OfType<TaskCompletedEvent>().Any());
            if (interval == TimeSpan.Zero)
            {
                // Every episode that saw completions reports them (the engine may hand them over one at a time).
                Assert.Equal(withCompletions, reports.Count);
                Assert.True(signals >= withCompletions);
            }
            else
            {
                Assert.InRange(reports.Count, 2, withCompletions - 1);
                Assert.All(reports.Zip(reports.Skip(1)).SkipLast(1), pair => Assert.True(
                    pair.Second - pair.First >= interval,
                    $"reports at {pair.First:HH:mm:ss.fff} and {pair.Second:HH:mm:ss.fff}"));
            }

            var state = await StatusOnceRecordedAsync(host, jobId, assets.Count);
            var stage = Assert.Single(state.Stages);
            Assert.Equal((40, 39, 1), (stage.Total, stage.Succeeded, stage.Failed));
            Assert.Equal(assets.Select(a => a.AssetId).Order(), state.Steps.Select(s => s.AssetId!).Order());
            Assert.All(state.Steps, s => Assert.Equal(("images", "images"), (s.Stage, s.Name)));
            Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), state.Steps.Select(s => s.Sequence).Order());
            Assert.Equal(assets[11].AssetId, Assert.Single(state.Steps, s => s.Status == AssetStatus.Failed).AssetId);
        }
    }

    private static Task<TestEngine> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var catalog = new DurableCatalog()
            .AddWorkflow<FanOutChunkWorkflow>()
            .AddActivity<SimulatedAssetActivity>()
            .AddActivity<GatedAssetActivity>()
            .AddEntity<JobStatusEntity>();
        return TestEngine.StartAsync(catalog, s =>
        {
            s.AddSingleton<IBlobStore, InMemoryBlobStore>().AddOptions<JobStatusOptions>();
            configure?.Invoke(s);
        });
    }

    private static FanOutRequest Request(string jobId, string activity, IEnumerable<AssetTask> tasks, int window, int chunkSize = 100) => new()
    {
        JobId = jobId,
        Stage = "images",
        Activity = activity,
        Tasks = [.. tasks],
        Window = window,
        ChunkSize = chunkSize,
    };

    private static async Task<List<AssetOutcome>> RunAsync(TestEngine host, FanOutRequest request)
        => OutcomesOf(await host.RunAsync(nameof(FanOutChunkWorkflow), request, request.JobId));

    private static List<AssetOutcome> OutcomesOf(OrchestrationMetadata result)
    {
        Assert.True(result.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{result.InstanceId} is {result.RuntimeStatus}: {result.FailureDetails}");
        return result.ReadOutputAs<List<AssetOutcome>>()!;
    }

    /// <summary>The asset ids each child of a split job was given, in child order.</summary>
    private static async Task<List<List<string>>> ChildTasksAsync(TestEngine host, string jobId)
    {
        var children = new List<List<string>>();
        foreach (var id in (await host.Engine.InstancesOfJobAsync(jobId)).Skip(1))
        {
            var child = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            children.Add([.. child!.ReadInputAs<FanOutRequest>()!.Tasks.Select(t => t.AssetId)]);
        }

        return children;
    }

    private static bool IsRecordSteps(EventSentEvent sent) => sent.Input?.Contains(nameof(JobStatusEntity.RecordSteps), StringComparison.Ordinal) == true;

    /// <summary>A history cut into the episodes that ran the workflow: each one's workflow time and the events it added.</summary>
    private static List<(DateTime At, List<HistoryEvent> Events)> Episodes(IReadOnlyList<HistoryEvent> history)
    {
        var episodes = new List<(DateTime At, List<HistoryEvent> Events)>();
        foreach (var e in history)
        {
            if (e is OrchestratorStartedEvent started)
            {
                episodes.Add((started.Timestamp, []));
            }
            else if (episodes.Count > 0)
            {
                episodes[^1].Events.Add(e);
            }
        }

        return episodes;
    }

    /// <summary>
    /// The job's status once the entity has applied <paramref name="steps"/> steps: signals are one-way, so the entity
    /// can still be working through the last of them when the workflow ends.
    /// </summary>
    private static async Task<JobStatusState> StatusOnceRecordedAsync(TestEngine host, string jobId, int steps)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var state = (await host.Client.Entities.GetEntityAsync<JobStatusState>(JobStatusEntity.IdFor(jobId), timeout.Token))?.State;
            if (state is not null && state.Steps.Count >= steps && state.Stages.All(s => s.EndedAt is not null))
            {
                return state;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }
}
