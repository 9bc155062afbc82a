using Pipeline.Bench;

// Benchmarks (not tests): they print figures next to their goals.
// Usage: dotnet run -c Release --project bench/Pipeline.Bench -- <name> [options]
var which = args.Length > 0 ? args[0] : "";
var options = args.Skip(1).ToArray();
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var benchmarks = new Dictionary<string, Func<TextWriter, string[], CancellationToken, Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["fanout-throughput"] = FanOutThroughputBenchmark.RunAsync,
    ["lecture-history"] = LectureHistoryBenchmark.RunAsync,
    ["makespan"] = MakespanBenchmark.RunAsync,
    ["storage"] = (o, _, c) => StorageBenchmarks.RunAsync(o, c),
};

if (!benchmarks.TryGetValue(which, out var selected))
{
    await Console.Error.WriteLineAsync($"Choose a benchmark: {string.Join(", ", benchmarks.Keys)}.");
    return 2;
}

await selected(Console.Out, options, cancel.Token);
return 0;
