using System.Collections.Concurrent;

namespace Pipeline.Worker.Tests.Samples;

/// <summary>Counts executions per key across activity runs.</summary>
public sealed class ExecutionCounter
{
    private readonly ConcurrentDictionary<string, int> counts = new();

    public int Increment(string key) => counts.AddOrUpdate(key, 1, (_, count) => count + 1);

    public int this[string key] => counts.TryGetValue(key, out var count) ? count : 0;
}
