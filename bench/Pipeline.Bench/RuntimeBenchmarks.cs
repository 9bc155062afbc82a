using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Durable;
using Pipeline.Runtime;
using Pipeline.Runtime.Store;

namespace Pipeline.Bench;

/// <summary>Activities per second and events replayed per activity for flat fan-outs on the in-process runtime.</summary>
internal static class RuntimeBenchmarks
{
    public static async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("## Runtime: flat fan-out of no-op activities");
        await output.WriteLineAsync();
        await output.WriteLineAsync("| store | activities | episodes | events replayed | replayed per activity | history events | wall time | activities/s |");
        await output.WriteLineAsync("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (store, count) in new[] { ("memory", 1_000), ("memory", 10_000), ("sqlite", 1_000), ("sqlite", 10_000) })
        {
            await RunOneAsync(output, store, count, cancellationToken);
        }

        await output.WriteLineAsync();
    }

    private static async Task RunOneAsync(TextWriter output, string storeKind, int count, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("pipeline-bench-");
        try
        {
            using IHistoryStore store = storeKind == "sqlite" ? new SqliteHistoryStore(Path.Combine(directory.FullName, "bench.db")) : new InMemoryHistoryStore();
            var catalog = new DurableCatalog().AddActivity<NoopActivity>().AddWorkflow<FlatFanOutWorkflow>();
            await using var services = new ServiceCollection().BuildServiceProvider();
            await using var runtime = new DurableRuntime(catalog, services, store);
            runtime.Start();
            var clock = Stopwatch.StartNew();
            var id = await runtime.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FlatFanOutWorkflow), count, cancellation: cancellationToken);
            var result = await runtime.Client.WaitForInstanceCompletionAsync(id, cancellation: cancellationToken);
            clock.Stop();
            if (result.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                throw new InvalidOperationException($"Benchmark instance ended {result.RuntimeStatus}: {result.FailureDetails?.ErrorMessage}");
            }

            var counters = runtime.GetCounters(id)!;
            await output.WriteLineAsync(
                $"| {storeKind} | {count:N0} | {counters.Episodes:N0} | {counters.EventsReplayed:N0} | {(double)counters.EventsReplayed / count:F1} | " +
                $"{counters.HistoryEvents:N0} | {clock.Elapsed.TotalSeconds:F2} s | {count / clock.Elapsed.TotalSeconds:N0} |");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }
}
