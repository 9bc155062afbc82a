using System.Collections.Concurrent;

namespace Pipeline.Testing;

/// <summary>Counts activity executions by key (e.g. per asset) across runtimes; shared through DI.</summary>
public sealed class ExecutionLog
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Key, DateTimeOffset At)> _entries = new();

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public int Record(string key)
    {
        _entries.Enqueue((key, Clock.GetUtcNow()));
        return _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    public int Count(string key) => _counts.GetValueOrDefault(key);

    public IReadOnlyList<DateTimeOffset> TimesOf(string key) => _entries.Where(e => e.Key == key).Select(e => e.At).ToList();

    public IReadOnlyDictionary<string, int> Counts => _counts;
}
