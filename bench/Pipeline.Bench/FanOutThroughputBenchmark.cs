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
        var cpuRows = new List<string>();
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
                var ceiling = raw.RequestsPerSecond / perActivity;
                await output.WriteLineAsync(Invariant(
                    $"| {settings.Name}: {settings.Describe()} | {shape}, window {window} | {count:N0} | {run.Elapsed.TotalSeconds:F1} s | {rate:F1} | {perActivity:F1} ({(double)run.Requests.Queue / count:F1} / {(double)run.Requests.Table / count:F1} / {(double)run.Requests.Blob / count:F1}) | {raw.RequestsPerSecond:F0} | {ceiling:F0}/s | {rate / ceiling:P0} |"));
                cpuRows.Add(CpuRow(settings, shape, count, run, raw, perActivity, rate));
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(Invariant($"Processor time in the same runs ({Environment.ProcessorCount} cores): the bench process (engine, client, activities) and Azurite's Node.js process, per activity. Azurite's cost per request is from its raw run; \"ceiling at Azurite's CPU per activity\" is what Azurite's one core (it is one Node.js process) allows at the processor time it actually spent per activity in the run; \"emulator-only at raw cost\" is the same at the raw run's cost per request times the engine's requests per activity; \"machine\" is what the cores allow at the engine's and Azurite's processor time per activity."));
        await output.WriteLineAsync();
        await output.WriteLineAsync("| settings | fan-out | activities/s | engine CPU ms per activity | Azurite CPU ms per activity | Azurite CPU ms per raw request (busy during raw) | cores busy during run | Azurite busy during run (of its one core) | ceiling at Azurite's CPU per activity | share of it | emulator-only ceiling at raw cost | machine ceiling | share of machine ceiling |");
        await output.WriteLineAsync("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in cpuRows)
        {
            await output.WriteLineAsync(row);
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("Wall time runs from scheduling the orchestration to seeing it completed (the client polls); storage requests are every HTTP request the process sent Azurite meanwhile (engine and client, polling included), divided by the activities.");
        await output.WriteLineAsync();
    }

    private static string CpuRow(HubSettings settings, string shape, int count, Run run, Raw raw, double requestsPerActivity, double rate)
    {
        var engineMs = run.EngineCpu.TotalMilliseconds / count;
        var azuriteMs = run.AzuriteCpu.TotalMilliseconds / count;
        var azuriteMsPerRequest = raw.AzuriteCpu.TotalMilliseconds / raw.Requests;
        var rawBusy = raw.AzuriteCpu.TotalSeconds / raw.Elapsed.TotalSeconds;
        var busy = (run.EngineCpu + run.AzuriteCpu).TotalSeconds / run.Elapsed.TotalSeconds;
        var emulatorOnly = 1_000 / (azuriteMsPerRequest * requestsPerActivity);
        var machine = Environment.ProcessorCount * 1_000 / (engineMs + azuriteMs);
        var azuriteBusy = run.AzuriteCpu.TotalSeconds / run.Elapsed.TotalSeconds;
        var atAzuriteCost = 1_000 / azuriteMs;
        return Invariant(
            $"| {settings.Name} | {shape} | {rate:F1} | {engineMs:F1} | {azuriteMs:F1} | {azuriteMsPerRequest:F2} ({rawBusy:P0} of a core) | {busy:F2} of {Environment.ProcessorCount} | {azuriteBusy:P0} | {atAzuriteCost:F0}/s | {rate / atAzuriteCost:P0} | {emulatorOnly:F0}/s | {machine:F0}/s | {rate / machine:P0} |");
    }

    private static async Task<Run> RunOnceAsync(BenchStorage storage, RequestCounter counter, HubSettings settings, int count, int chunk, int window)
    {
        await using var host = await FanOutRun.StartAsync(storage, settings);
        var jobId = $"throughput-{Guid.NewGuid():N}"[..24];
        var request = FanOutRun.Request(jobId, Enumerable.Range(0, count).Select(i => AssetTask.For($"a{i:D5}", new SimulatedAsset($"a{i:D5}", 0))), window, chunk);
        var before = counter.Take(storage);
        var engineBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var azuriteBefore = AzuriteCpu(storage);
        var (_, elapsed) = await host.RunCompletedAsync(nameof(FanOutChunkWorkflow), request, jobId, TimeSpan.FromMinutes(15));
        var azuriteCpu = AzuriteCpu(storage) - azuriteBefore;
        var engineCpu = Process.GetCurrentProcess().TotalProcessorTime - engineBefore;
        var requests = counter.Take(storage) - before;
        var executed = host.Log.Counts.Values.Sum();
        return executed == count ? new Run(elapsed, requests, engineCpu, azuriteCpu) : throw new InvalidOperationException($"{executed} activity executions for {count} assets.");
    }

    private static TimeSpan AzuriteCpu(BenchStorage storage) => storage.Launcher.ProcessorTime ?? TimeSpan.Zero;

    /// <summary>Requests per second of <see cref="RawClients"/> clients each looping send, receive and delete on its own queue.</summary>
    private static async Task<Raw> RawQueueAsync(BenchStorage storage, RequestCounter counter, CancellationToken cancellationToken)
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
        var azuriteBefore = AzuriteCpu(storage);
        var clock = Stopwatch.StartNew();
        var done = await Task.WhenAll(queues.Select(q => RoundTripsAsync(q, RawDuration, cancellationToken)));
        var elapsed = clock.Elapsed;
        var azuriteCpu = AzuriteCpu(storage) - azuriteBefore;
        foreach (var queue in queues)
        {
            await queue.DeleteIfExistsAsync(cancellationToken);
        }

        return new Raw(done.Sum() * 3, elapsed, azuriteCpu);
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

    private sealed record Run(TimeSpan Elapsed, RequestCounter.Snapshot Requests, TimeSpan EngineCpu, TimeSpan AzuriteCpu);

    private sealed record Raw(long Requests, TimeSpan Elapsed, TimeSpan AzuriteCpu)
    {
        public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
    }
}
