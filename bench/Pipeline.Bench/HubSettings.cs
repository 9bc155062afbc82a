using Pipeline.Worker;

namespace Pipeline.Bench;

/// <summary>The task hub settings the benchmarks compare.</summary>
internal sealed record HubSettings(string Name, int Partitions, TimeSpan MaxPolling, bool ExtendedSessions, int ActivityWorkItems)
{
    /// <summary>The backend's documented defaults: 4 partitions, 30 s max polling, no extended sessions, 10 activity work items per core.</summary>
    public static HubSettings Defaults { get; } = new("production defaults", 4, TimeSpan.FromSeconds(30), false, 10 * Environment.ProcessorCount);

    /// <summary>
    /// One partition, 100 ms max polling, 100 concurrent activity work items. Extended sessions stay off: the engine
    /// refuses them while entities are registered (the job-status entity loses state with them on this backend).
    /// </summary>
    public static HubSettings Tuned { get; } = new("tuned", 1, TimeSpan.FromMilliseconds(100), false, 100);

    public string Describe() => $"{Partitions} partition{(Partitions == 1 ? "" : "s")}, {(MaxPolling.TotalSeconds >= 1 ? $"{MaxPolling.TotalSeconds:F0} s" : $"{MaxPolling.TotalMilliseconds:F0} ms")} max polling, extended sessions {(ExtendedSessions ? "on" : "off")}, {ActivityWorkItems} activity work items";

    public DurableTaskHubOptions Options(string connectionString) => new()
    {
        ConnectionString = connectionString,
        TaskHubName = $"b{Guid.NewGuid():N}"[..20],
        PartitionCount = Partitions,
        MaxConcurrentActivities = ActivityWorkItems,
        MaxQueuePollingInterval = MaxPolling,
        ExtendedSessions = ExtendedSessions,
        StartStorageEmulator = false,
    };
}
