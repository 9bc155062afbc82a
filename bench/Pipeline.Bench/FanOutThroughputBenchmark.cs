using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;
using Pipeline.Domain.Workflows;
using Pipeline.Testing;

namespace Pipeline.Bench;

/// <summary>
/// No-op activities per second through the real engine on an Azurite the benchmark starts, beside the emulator's raw
/// queue round trips per second in the same run and the storage requests the engine spends per activity, so a figure
/// reads against what the emulator allows: ceiling = raw requests/s ÷ engine requests per activity.
/// </summary>
internal static class FanOutThroughputBenchmark
{
    private const int RawClients = 16;
    private static readonly TimeSpan RawDuration = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(TextWriter output, string[] args, CancellationToken cancellationToken)
    {
        var flat = IntArg(args, "--flat", 1_000);
        var split = IntArg(args, "--split", 1_000);
        var window = IntArg(args, "--window", 200);
        await using var storage = await BenchStorage.StartAsync();
        using var counter = new RequestCounter();

        await output.WriteLineAsync(Invariant($"## Fan-out throughput: no-op activities on the real engine (Azurite on disk, {Environment.ProcessorCount} cores)"));
        await output.WriteLineAsync();
        await output.WriteLineAsync(Invariant($"Load average at start: {LoadAverage()}. Raw = Azurite's queue requests/s with {RawClients} clients each looping send + receive + delete for {RawDuration.TotalSeconds:F0} s, measured just before each engine run."));
        await output.WriteLineAsync();
        await output.WriteLineAsync("| settings | fan-out | activities | wall time | activities/s | storage requests per activity (queue / table / blob) | raw requests/s | ceiling = raw ÷ per activity | share of ceiling |");
        await output.WriteLineAsync("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var settings in new[] { HubSettings.Tuned, HubSettings.Defaults })
        {
            foreach (var (shape, count, chunk) in new[] { ("flat, one orchestration", flat, int.MaxValue), ("split, K = 100", split, 100) })
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (count <= 0)
                {
                    continue;
                }

                var raw = await RawQueueAsync(storage, counter, cancellationToken);
                var run = await RunOnceAsync(storage, counter, settings, count, chunk, window);
                var perActivity = (double)run.Requests.Total / count;
                var rate = count / run.Elapsed.TotalSeconds;
                var ceiling = raw / perActivity;
                await output.WriteLineAsync(Invariant(
                    $"| {settings.Name}: {settings.Describe()} | {shape}, window {window} | {count:N0} | {run.Elapsed.TotalSeconds:F1} s | {rate:F1} | {perActivity:F1} ({(double)run.Requests.Queue / count:F1} / {(double)run.Requests.Table / count:F1} / {(double)run.Requests.Blob / count:F1}) | {raw:F0} | {ceiling:F0}/s | {rate / ceiling:P0} |"));
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("Wall time runs from scheduling the orchestration to seeing it completed (the client polls); storage requests are every HTTP request the process sent Azurite meanwhile (engine and client, polling included), divided by the activities.");
        await output.WriteLineAsync();
    }

    private static async Task<Run> RunOnceAsync(BenchStorage storage, RequestCounter counter, HubSettings settings, int count, int chunk, int window)
    {
        await using var host = await FanOutRun.StartAsync(storage, settings);
        var jobId = $"throughput-{Guid.NewGuid():N}"[..24];
        var request = FanOutRun.Request(jobId, Enumerable.Range(0, count).Select(i => AssetTask.For($"a{i:D5}", new SimulatedAsset($"a{i:D5}", 0))), window, chunk);
        var before = counter.Take(storage);
        var (_, elapsed) = await host.RunCompletedAsync(nameof(FanOutChunkWorkflow), request, jobId, TimeSpan.FromMinutes(15));
        var requests = counter.Take(storage) - before;
        var executed = host.Log.Counts.Values.Sum();
        return executed == count ? new Run(elapsed, requests) : throw new InvalidOperationException($"{executed} activity executions for {count} assets.");
    }

    /// <summary>Requests per second of <see cref="RawClients"/> clients each looping send, receive and delete on its own queue.</summary>
    private static async Task<double> RawQueueAsync(BenchStorage storage, RequestCounter counter, CancellationToken cancellationToken)
    {
        var queues = new List<QueueClient>();
        for (var i = 0; i < RawClients; i++)
        {
            var queue = new QueueClient(storage.ConnectionString, $"raw-{i}");
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            queues.Add(queue);
        }

        // Warm up connections before timing.
        await Task.WhenAll(queues.Select(q => RoundTripsAsync(q, TimeSpan.FromSeconds(1), cancellationToken)));
        var clock = Stopwatch.StartNew();
        var done = await Task.WhenAll(queues.Select(q => RoundTripsAsync(q, RawDuration, cancellationToken)));
        var elapsed = clock.Elapsed.TotalSeconds;
        foreach (var queue in queues)
        {
            await queue.DeleteIfExistsAsync(cancellationToken);
        }

        return done.Sum() * 3 / elapsed;
    }

    private static async Task<long> RoundTripsAsync(QueueClient queue, TimeSpan duration, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        long trips = 0;
        while (clock.Elapsed < duration)
        {
            await queue.SendMessageAsync("{\"ping\":1}", cancellationToken);
            var received = (await queue.ReceiveMessageAsync(cancellationToken: cancellationToken)).Value;
            if (received is not null)
            {
                await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, cancellationToken);
            }

            trips++;
        }

        return trips;
    }

    internal static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    internal static int IntArg(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Run(TimeSpan Elapsed, RequestCounter.Snapshot Requests);
}
