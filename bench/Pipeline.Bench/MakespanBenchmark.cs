using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;
using Pipeline.Domain.Workflows;
using Pipeline.Testing;

namespace Pipeline.Bench;

/// <summary>
/// Makespan ÷ lower bound of a fan-out on the real engine, real time: N assets, window C, each activity sleeping a
/// seeded lognormal latency; with the tasks' costs unknown (request order) and given exactly (longest first).
/// Beside it, the greedy list schedule computed offline — a simulation of the scheduling policy alone.
/// </summary>
internal static class MakespanBenchmark
{
    public static async Task RunAsync(TextWriter output, string[] args, CancellationToken cancellationToken)
    {
        var count = FanOutThroughputBenchmark.IntArg(args, "--n", 1_000);
        var window = FanOutThroughputBenchmark.IntArg(args, "--c", 16);
        var medianMs = FanOutThroughputBenchmark.IntArg(args, "--median-ms", 200);
        var assets = Lognormal(count, medianMs, seed: 7);
        var bound = Math.Max(assets.Sum(a => a.LatencyMs) / window, assets.Max(a => a.LatencyMs));
        var settings = HubSettings.Tuned;
        await output.WriteLineAsync(Invariant($"## Makespan ÷ lower bound on the real engine (N = {count:N0}, C = {window}, lognormal latencies median {medianMs} ms, σ = 1, seed 7)"));
        await output.WriteLineAsync();
        await output.WriteLineAsync(Invariant($"Lower bound = max(Σ latency ÷ C, max latency) = {bound / 1000:F2} s (Σ = {assets.Sum(a => a.LatencyMs) / 1000:F1} s, max = {assets.Max(a => a.LatencyMs) / 1000:F2} s). Engine: {settings.Describe()}, Azurite on disk. Load average at start: {FanOutThroughputBenchmark.LoadAverage()}."));
        await output.WriteLineAsync();
        await output.WriteLineAsync("| design | costs | makespan | ÷ lower bound | slot idle per activity | cores busy (bench + Azurite) |");
        await output.WriteLineAsync("| --- | --- | ---: | ---: | ---: | ---: |");
        var total = assets.Sum(a => a.LatencyMs);
        foreach (var (costs, order) in new[] { ("unknown (request order)", assets.Select(a => a.LatencyMs)), ("exact (longest first)", assets.Select(a => a.LatencyMs).OrderDescending()) })
        {
            var schedule = ListSchedule(order, window);
            await output.WriteLineAsync(Invariant($"| simulation: greedy list schedule, no engine | {costs} | {schedule / 1000:F2} s | {schedule / bound:F3} | {IdlePerActivityMs(schedule, window, total, count):F0} ms | – |"));
        }

        await using var storage = await BenchStorage.StartAsync();
        foreach (var (design, chunk) in new[] { ("real engine, one orchestration", int.MaxValue), ("real engine, split K = 100", 100) })
        {
            foreach (var withCost in new[] { false, true })
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime + (storage.Launcher.ProcessorTime ?? TimeSpan.Zero);
                var makespan = await RunOnceAsync(storage, settings, assets, window, chunk, withCost);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime + (storage.Launcher.ProcessorTime ?? TimeSpan.Zero) - cpuBefore;
                await output.WriteLineAsync(Invariant($"| {design} | {(withCost ? "exact (longest first)" : "unknown (request order)")} | {makespan.TotalSeconds:F2} s | {makespan.TotalMilliseconds / bound:F3} | {IdlePerActivityMs(makespan.TotalMilliseconds, window, total, count):F0} ms | {cpu.TotalSeconds / makespan.TotalSeconds:F2} of {Environment.ProcessorCount} |"));
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("Makespan on the engine: from scheduling the root orchestration until the client sees it completed (wall clock). Slot idle per activity = (makespan × C − Σ latency) ÷ N: the time a window slot waits between one activity's end and the next one's start, averaged (the engine's turnaround, plus the tail where fewer than C remain).");
        await output.WriteLineAsync();
    }

    private static async Task<TimeSpan> RunOnceAsync(BenchStorage storage, HubSettings settings, IReadOnlyList<SimulatedAsset> assets, int window, int chunk, bool withCost)
    {
        await using var host = await FanOutRun.StartAsync(storage, settings);
        var jobId = $"makespan-{Guid.NewGuid():N}"[..24];
        var request = FanOutRun.Request(jobId, assets.Select(a => AssetTask.For(a.AssetId, a, withCost ? a.LatencyMs : null)), window, chunk);
        var (_, elapsed) = await host.RunCompletedAsync(nameof(FanOutChunkWorkflow), request, jobId, TimeSpan.FromMinutes(10));
        return elapsed;
    }

    private static double IdlePerActivityMs(double makespanMs, int window, double totalLatencyMs, int count) => ((makespanMs * window) - totalLatencyMs) / count;

    /// <summary>Greedy list scheduling on <paramref name="slots"/> machines, in the given order (milliseconds).</summary>
    private static double ListSchedule(IEnumerable<double> latenciesMs, int slots)
    {
        var free = new PriorityQueue<double, double>(Enumerable.Repeat((0.0, 0.0), slots));
        var end = 0.0;
        foreach (var latency in latenciesMs)
        {
            var at = free.Dequeue() + latency;
            end = Math.Max(end, at);
            free.Enqueue(at, at);
        }

        return end;
    }

    private static List<SimulatedAsset> Lognormal(int count, double medianMs, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new SimulatedAsset($"a{i:D5}", Math.Round(medianMs * Math.Exp(Gaussian(random)))))];
    }

    private static double Gaussian(Random random)
    {
#pragma warning disable CA5394 // Seeded pseudo-random latencies for a reproducible benchmark, not security.
        return Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
#pragma warning restore CA5394
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
