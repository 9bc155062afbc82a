using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;
using Pipeline.Domain.Workflows;
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
        foreach (var (name, workflow, chunk) in new[]
        {
            ("sliding window, one orchestration", nameof(FanOutChunkWorkflow), int.MaxValue),
            ("sliding window, split K = 100 (4 children × 4)", nameof(FanOutChunkWorkflow), 100),
            ("chunk barrier (Promise.all per chunk of 16)", nameof(ChunkBarrierWorkflow), int.MaxValue),
        })
        {
            var run = await RunOnceAsync(workflow, assets, chunk, cancellationToken);
            await output.WriteLineAsync(Invariant($"| {name} | {run.Makespan.TotalSeconds:F1} s | {run.Makespan / bound:F3} |"));
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("Sliding window (one orchestration) over ten latency samples (seeds 1–10), same N, C and distribution:");
        await output.WriteLineAsync();
        var ratios = new List<double>();
        foreach (var seed in Enumerable.Range(1, 10))
        {
            var sample = Lognormal(1_000, seed);
            var run = await RunOnceAsync(nameof(FanOutChunkWorkflow), sample, int.MaxValue, cancellationToken);
            ratios.Add(run.Makespan / LowerBound(sample));
        }

        ratios.Sort();
        await output.WriteLineAsync(Invariant($"| seeds | min | median | mean | max |"));
        await output.WriteLineAsync("| ---: | ---: | ---: | ---: | ---: |");
        await output.WriteLineAsync(Invariant($"| 10 | {ratios[0]:F3} | {(ratios[4] + ratios[5]) / 2:F3} | {ratios.Average():F3} | {ratios[^1]:F3} |"));
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
            var run = await RunOnceAsync(nameof(FanOutChunkWorkflow), large, chunk, cancellationToken);
            await output.WriteLineAsync(Invariant(
                $"| {(chunk == int.MaxValue ? "flat (no split)" : chunk.ToString(CultureInfo.InvariantCulture))} | {run.Instances:N0} | {(double)run.EventsReplayed / large.Count:F1} | {run.LargestHistory:N0} | {run.RootHistory:N0} | {run.Makespan / largeBound:F3} |"));
        }

        await output.WriteLineAsync();
    }

    private static async Task<Run> RunOnceAsync(string workflow, IReadOnlyList<SimulatedAsset> assets, int chunkSize, CancellationToken cancellationToken)
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
            Tasks = assets.Select(a => AssetTask.For(a.AssetId, a)).ToList(),
            Window = Window,
            ChunkSize = chunkSize,
        };
        var start = host.Clock.GetUtcNow();
        await host.Client.ScheduleNewOrchestrationInstanceAsync(workflow, request, new StartOrchestrationOptions(jobId), cancellationToken);
        var result = await clock.RunToCompletionAsync(host.Runtime, jobId, cancellationToken);
        if (result.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{workflow} ended {result.RuntimeStatus}: {result.FailureDetails?.ErrorMessage}");
        }

        var instances = host.Runtime.ListInstances().Select(i => host.Runtime.GetCounters(i.InstanceId)!).ToList();
        return new Run(
            host.Clock.GetUtcNow() - start,
            instances.Count,
            instances.Sum(c => c.EventsReplayed),
            instances.Max(c => c.HistoryEvents),
            host.Runtime.GetCounters(jobId)!.HistoryEvents);
    }

    private static List<SimulatedAsset> Lognormal(int count, int seed)
    {
#pragma warning disable CA5394 // Seeded pseudo-random latencies for a reproducible benchmark, not security.
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return new SimulatedAsset($"a{i:D5}", Math.Round(1000 * Math.Exp(z)));
        }).ToList();
#pragma warning restore CA5394
    }

    private static TimeSpan LowerBound(IReadOnlyList<SimulatedAsset> assets)
        => TimeSpan.FromMilliseconds(Math.Max(assets.Sum(a => a.LatencyMs) / Window, assets.Max(a => a.LatencyMs)));

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Run(TimeSpan Makespan, int Instances, long EventsReplayed, long LargestHistory, long RootHistory);
}
