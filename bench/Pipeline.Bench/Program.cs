using Pipeline.Bench;

// Benchmarks (not tests): machine-independent counts first, throughput figures for context.
// Usage: dotnet run -c Release --project bench/Pipeline.Bench -- [runtime|status|storage|claim-check|fan-out|lecture|all]
var which = args.Length > 0 ? args[0] : "all";
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var benchmarks = new Dictionary<string, Func<TextWriter, CancellationToken, Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["runtime"] = RuntimeBenchmarks.RunAsync,
    ["status"] = StatusOverflowBenchmark.RunAsync,
    ["storage"] = StorageBenchmarks.RunAsync,
    ["claim-check"] = ClaimCheckBenchmark.RunAsync,
    ["fan-out"] = FanOutBenchmark.RunAsync,
    ["lecture"] = LectureBenchmark.RunAsync,
};

if (which == "all")
{
    foreach (var run in benchmarks.Values)
    {
        await run(Console.Out, cancel.Token);
    }

    return 0;
}

if (!benchmarks.TryGetValue(which, out var selected))
{
    await Console.Error.WriteLineAsync($"Unknown benchmark '{which}'. Choose one of: {string.Join(", ", benchmarks.Keys)}, all.");
    return 2;
}

await selected(Console.Out, cancel.Token);
return 0;
