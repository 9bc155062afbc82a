using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;
using Pipeline.Domain.Workflows;
using Pipeline.Runtime.History;
using Pipeline.Runtime.Testing;
using Pipeline.Testing;

namespace Pipeline.Bench;

/// <summary>
/// The fan-out on virtual time (exact, machine-independent): makespan against its lower bound for the sliding window
/// and the chunk barrier, and replay cost and history size per instance with and without splitting.
/// </summary>
internal static class FanOutBenchmark
{
    private const int Window = 16;

    public static async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var assets = Lognormal(1_000, seed: 7);
        var bound = LowerBound(assets);
        await output.WriteLineAsync("## Fan-out: makespan ÷ lower bound (N = 1,000, C = 16, lognormal latencies, median 1 s, σ = 1)");
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Lower bound = max(Σ latency ÷ C, max latency) = {bound.TotalSeconds:F1} s.");
        await output.WriteLineAsync();
        await output.WriteLineAsync("| design | makespan | ÷ lower bound |");
        await output.WriteLineAsync("| --- | ---: | ---: |");
        var greedy = ListSchedule(assets.Select(a => a.LatencyMs), Window);
        await output.WriteLineAsync(Invariant($"| greedy list schedule in request order, computed without the runtime | {greedy.TotalSeconds:F1} s | {greedy / bound:F3} |"));
        foreach (var (name, workflow, chunk, cost) in Designs())
        {
            var run = await RunOnceAsync(workflow, assets, chunk, cost(7), cancellationToken: cancellationToken);
            await output.WriteLineAsync(Invariant($"| {name} | {run.Makespan.TotalSeconds:F1} s | {run.Makespan / bound:F3} |"));
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("Over ten latency samples (seeds 1–10), same N, C and distribution:");
        await output.WriteLineAsync();
        await output.WriteLineAsync("| design | min | median | mean | max |");
        await output.WriteLineAsync("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (name, workflow, chunk, cost) in Designs().Where(d => d.Workflow == nameof(FanOutChunkWorkflow)))
        {
            var ratios = new List<double>();
            foreach (var seed in Enumerable.Range(1, 10))
            {
                var sample = Lognormal(1_000, seed);
                var run = await RunOnceAsync(workflow, sample, chunk, cost(seed), cancellationToken: cancellationToken);
                ratios.Add(run.Makespan / LowerBound(sample));
            }

            ratios.Sort();
            await output.WriteLineAsync(Invariant($"| {name} | {ratios[0]:F3} | {(ratios[4] + ratios[5]) / 2:F3} | {ratios.Average():F3} | {ratios[^1]:F3} |"));
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("## Fan-out: status reports (N = 1,000, C = 16, same latencies, one orchestration)");
        await output.WriteLineAsync();
        await output.WriteLineAsync("| report interval | RecordSteps signals | history bytes per asset |");
        await output.WriteLineAsync("| ---: | ---: | ---: |");
        foreach (var interval in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5) })
        {
            var run = await RunOnceAsync(nameof(FanOutChunkWorkflow), assets, int.MaxValue, _ => null, interval, cancellationToken);
            await output.WriteLineAsync(Invariant($"| {interval.TotalSeconds:F0} s | {run.Reports:N0} | {(double)run.HistoryBytes / assets.Count:F0} |"));
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("## Fan-out: replay cost and history size (N = 10,000, C = 16, same latency distribution)");
        await output.WriteLineAsync();
        await output.WriteLineAsync("| K (chunk size) | instances | events replayed per asset | largest history (events) | root history (events) | makespan ÷ lower bound |");
        await output.WriteLineAsync("| ---: | ---: | ---: | ---: | ---: | ---: |");
        if (Environment.GetEnvironmentVariable("PIPELINE_BENCH_QUICK") == "1")
        {
            return;
        }

        var large = Lognormal(10_000, seed: 11);
        var largeBound = LowerBound(large);
        foreach (var chunk in new[] { 50, 100, 200, 500, int.MaxValue })
        {
            var run = await RunOnceAsync(nameof(FanOutChunkWorkflow), large, chunk, _ => null, cancellationToken: cancellationToken);
            await output.WriteLineAsync(Invariant(
                $"| {(chunk == int.MaxValue ? "flat (no split)" : chunk.ToString(CultureInfo.InvariantCulture))} | {run.Instances:N0} | {(double)run.EventsReplayed / large.Count:F1} | {run.LargestHistory:N0} | {run.RootHistory:N0} | {run.Makespan / largeBound:F3} |"));
        }

        await output.WriteLineAsync();
    }

    /// <summary>The designs compared; the cost function takes the sample's seed (for the estimate's own noise).</summary>
    private static IEnumerable<(string Name, string Workflow, int Chunk, Func<int, Func<SimulatedAsset, double?>> Cost)> Designs()
    {
        Func<int, Func<SimulatedAsset, double?>> unknown = _ => _ => null;
        Func<int, Func<SimulatedAsset, double?>> exact = _ => a => a.LatencyMs;
        Func<int, Func<SimulatedAsset, double?>> noisy = seed => Noisy(seed);
        yield return ("sliding window, one orchestration, latencies unknown (request order)", nameof(FanOutChunkWorkflow), int.MaxValue, unknown);
        yield return ("sliding window, one orchestration, longest expected first (estimate within lognormal σ = 0.5)", nameof(FanOutChunkWorkflow), int.MaxValue, noisy);
        yield return ("sliding window, one orchestration, longest expected first (exact estimate)", nameof(FanOutChunkWorkflow), int.MaxValue, exact);
        yield return ("sliding window, split K = 100 (12 children, 4 × 4 in flight), latencies unknown", nameof(FanOutChunkWorkflow), 100, unknown);
        yield return ("sliding window, split K = 100, longest expected first (estimate within σ = 0.5)", nameof(FanOutChunkWorkflow), 100, noisy);
        yield return ("chunk barrier (Promise.all per chunk of 16)", nameof(ChunkBarrierWorkflow), int.MaxValue, unknown);
    }

    /// <summary>
    /// A cost estimate that is off by a lognormal factor (σ = 0.5, seeded): right in order of magnitude only. Called once
    /// per asset, in request order.
    /// </summary>
    private static Func<SimulatedAsset, double?> Noisy(int seed)
    {
        var random = new Random(seed + 1_000);
        return a => a.LatencyMs * Math.Exp(0.5 * Gaussian(random));
    }

    /// <summary>Greedy list scheduling on <paramref name="slots"/> machines, in the given order: what an ideal window achieves.</summary>
    private static TimeSpan ListSchedule(IEnumerable<double> latenciesMs, int slots)
    {
        var free = new PriorityQueue<double, double>(Enumerable.Repeat((0.0, 0.0), slots));
        var end = 0.0;
        foreach (var latency in latenciesMs)
        {
            var at = free.Dequeue() + latency;
            end = Math.Max(end, at);
            free.Enqueue(at, at);
        }

        return TimeSpan.FromMilliseconds(end);
    }

    private static async Task<Run> RunOnceAsync(
        string workflow, IReadOnlyList<SimulatedAsset> assets, int chunkSize, Func<SimulatedAsset, double?> cost, TimeSpan? reportInterval = null, CancellationToken cancellationToken = default)
    {
        var catalog = new DurableCatalog()
            .AddWorkflow<FanOutChunkWorkflow>().AddWorkflow<ChunkBarrierWorkflow>()
            .AddActivity<SimulatedAssetActivity>().AddEntity<JobStatusEntity>();
        await using var host = new TestRuntime(catalog, services: s => s
            .AddSingleton<IBlobStore, InMemoryBlobStore>()
            .AddOptions<JobStatusOptions>(), maxConcurrentActivities: 64);
        var clock = host.VirtualClock;
        const string jobId = "fan-out-bench";
        var request = new FanOutRequest
        {
            JobId = jobId,
            Stage = "images",
            Activity = nameof(SimulatedAssetActivity),
            Tasks = [.. assets.Select(a => AssetTask.For(a.AssetId, a, cost(a)))],
            Window = Window,
            ChunkSize = chunkSize,
            ReportInterval = reportInterval ?? FanOutRequest.DefaultReportInterval,
        };
        var start = host.Clock.GetUtcNow();
        await host.Client.ScheduleNewOrchestrationInstanceAsync(workflow, request, new StartOrchestrationOptions(jobId), cancellationToken);
        var result = await clock.RunToCompletionAsync(host.Runtime, jobId, cancellationToken);
        if (result.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{workflow} ended {result.RuntimeStatus}: {result.FailureDetails?.ErrorMessage}");
        }

        var ids = host.Runtime.ListInstances().Select(i => i.InstanceId).ToList();
        var instances = ids.Select(id => host.Runtime.GetCounters(id)!).ToList();
        return new Run(
            host.Clock.GetUtcNow() - start,
            instances.Count,
            instances.Sum(c => c.EventsReplayed),
            instances.Max(c => c.HistoryEvents),
            host.Runtime.GetCounters(jobId)!.HistoryEvents,
            instances.Sum(c => c.HistoryBytes),
            ids.Sum(id => host.Runtime.GetHistory(id)!.Count(e => e is { Type: HistoryEventType.EntityOperationSignaled, Name: nameof(JobStatusEntity.RecordSteps) })));
    }

    private static List<SimulatedAsset> Lognormal(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new SimulatedAsset($"a{i:D5}", Math.Round(1000 * Math.Exp(Gaussian(random)))))];
    }

    private static double Gaussian(Random random)
    {
#pragma warning disable CA5394 // Seeded pseudo-random latencies for a reproducible benchmark, not security.
        return Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
#pragma warning restore CA5394
    }

    private static TimeSpan LowerBound(IReadOnlyList<SimulatedAsset> assets)
        => TimeSpan.FromMilliseconds(Math.Max(assets.Sum(a => a.LatencyMs) / Window, assets.Max(a => a.LatencyMs)));

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Run(TimeSpan Makespan, int Instances, long EventsReplayed, long LargestHistory, long RootHistory, long HistoryBytes, int Reports);
}
