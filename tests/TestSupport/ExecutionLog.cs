using System.Collections.Concurrent;

namespace Pipeline.Testing;

/// <summary>
/// Counts activity executions by key (e.g. per asset) across engines, records when each began and how many ran at
/// once; shared through DI.
/// </summary>
public sealed class ExecutionLog
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Key, DateTimeOffset At)> _entries = new();
    private readonly Lock _gate = new();
    private int _running;

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The most executions that were running at the same moment.</summary>
    public int PeakRunning { get; private set; }

    /// <summary>Keys in the order their executions began.</summary>
    public IReadOnlyList<string> StartOrder => [.. _entries.Select(e => e.Key)];

    public int Record(string key)
    {
        _entries.Enqueue((key, Clock.GetUtcNow()));
        return _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    /// <summary>Marks an execution as running until the returned scope is disposed.</summary>
    public IDisposable Running()
    {
        lock (_gate)
        {
            _running++;
            PeakRunning = Math.Max(PeakRunning, _running);
        }

        return new RunningScope(this);
    }

    public int Count(string key) => _counts.GetValueOrDefault(key);

    public IReadOnlyList<DateTimeOffset> TimesOf(string key) => _entries.Where(e => e.Key == key).Select(e => e.At).ToList();

    public IReadOnlyDictionary<string, int> Counts => _counts;

    private sealed class RunningScope(ExecutionLog log) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                lock (log._gate)
                {
                    log._running--;
                }
            }
        }
    }
}
