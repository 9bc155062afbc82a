namespace Pipeline.Runtime.History;

/// <summary>
/// What one instance cost: episodes run, events in its current history, events replayed over all episodes, serialised
/// payload bytes in its current history, and activity executions by activity name (retries and repeats included).
/// </summary>
public sealed record InstanceCounters
{
    public long Episodes { get; set; }

    public long HistoryEvents { get; set; }

    public long EventsReplayed { get; set; }

    public long HistoryBytes { get; set; }

    public Dictionary<string, long> ActivityExecutions { get; init; } = new(StringComparer.Ordinal);

    public long TotalActivityExecutions => ActivityExecutions.Values.Sum();

    public InstanceCounters Copy() => this with { ActivityExecutions = new Dictionary<string, long>(ActivityExecutions, StringComparer.Ordinal) };
}
