using System.ComponentModel.DataAnnotations;
using Azure.Identity;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace Pipeline.Worker;

/// <summary>
/// The task hub the standalone engine runs on: the Azure Storage account (a connection string, or an account name or
/// service URIs used with <see cref="DefaultAzureCredential"/>), the hub's name and partitioning, and the dispatcher's
/// concurrency, polling and lease timings. Bound from <see cref="SectionName"/>.
/// </summary>
public sealed class DurableTaskHubOptions
{
    public const string SectionName = "Pipeline:DurableTask";

    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>
    /// An Azure Storage connection string; the default is the local emulator. Leave empty to use
    /// <see cref="AccountName"/> or the service URIs with <see cref="DefaultAzureCredential"/>.
    /// </summary>
    public string? ConnectionString { get; set; } = DevelopmentStorage;

    /// <summary>The storage account name, used with <see cref="DefaultAzureCredential"/> when there is no connection string.</summary>
    public string? AccountName { get; set; }

    /// <summary>The blob endpoint, used with <see cref="DefaultAzureCredential"/>; derived from <see cref="AccountName"/> when unset.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>The queue endpoint, used with <see cref="DefaultAzureCredential"/>; derived from <see cref="AccountName"/> when unset.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>The table endpoint, used with <see cref="DefaultAzureCredential"/>; derived from <see cref="AccountName"/> when unset.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The task hub: 3–45 letters and digits, starting with a letter (it names queues, tables and a container).</summary>
    [Required]
    [RegularExpression(TaskHubNamePattern)]
    public string TaskHubName { get; set; } = "pipeline";

    /// <summary>Control queues (partitions), 1–16. Do not change it on a hub with instances in flight.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    [Range(1, 100_000)]
    public int MaxConcurrentActivities { get; set; } = 10 * Environment.ProcessorCount;

    [Range(1, 100_000)]
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    [Range(1, 100_000)]
    public int MaxConcurrentEntities { get; set; } = 100;

    /// <summary>The longest back-off between polls of an idle queue; the backend's production default is 30 s.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Keep an orchestration's state in memory between its work items instead of replaying from storage.</summary>
    public bool ExtendedSessions { get; set; }

    /// <summary>
    /// This process's name in partition leases. Empty: the machine name and the process id, so that several hosts on one
    /// machine are distinct owners (the backend's default, the machine name alone, lets two of them own one partition
    /// at once and run its episodes twice).
    /// </summary>
    public string? WorkerId { get; set; }

    /// <summary>The worker id the backend is given.</summary>
    public string EffectiveWorkerId => string.IsNullOrWhiteSpace(WorkerId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : WorkerId;

    /// <summary>How long a dequeued activity message stays invisible; a crashed worker's activities reappear after it.</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a dequeued control-queue message stays invisible. A worker that stops (or dies) with messages fetched
    /// but not yet processed leaves them invisible this long before another worker sees them.
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a worker owns a partition without renewing it.</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Start Azurite when the connection string is development storage and nothing answers on its ports.</summary>
    public bool StartStorageEmulator { get; set; } = true;

    /// <summary>Where a started Azurite keeps its data.</summary>
    [Required]
    public string StorageEmulatorDirectory { get; set; } = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "pipeline", "azurite");

    internal const string TaskHubNamePattern = "^[A-Za-z][A-Za-z0-9]{2,44}$";

    /// <summary>True when the hub is on the local storage emulator (development storage or a loopback endpoint).</summary>
    public bool UsesDevelopmentStorage => !string.IsNullOrWhiteSpace(ConnectionString) && AzuriteLauncher.IsDevelopmentStorage(ConnectionString);

    /// <summary>The backend's settings for these options; the engine and any client over the same hub use them.</summary>
    public AzureStorageOrchestrationServiceSettings ToServiceSettings(ILoggerFactory? loggerFactory = null)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = TaskHubName,
            StorageAccountClientProvider = CreateClientProvider(),
            PartitionCount = PartitionCount,
            MaxConcurrentTaskActivityWorkItems = MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = MaxConcurrentOrchestrations,
            MaxConcurrentTaskEntityWorkItems = MaxConcurrentEntities,
            MaxQueuePollingInterval = MaxQueuePollingInterval,
            ExtendedSessionsEnabled = ExtendedSessions,
            WorkItemQueueVisibilityTimeout = WorkItemQueueVisibilityTimeout,
            ControlQueueVisibilityTimeout = ControlQueueVisibilityTimeout,
            LeaseInterval = LeaseInterval,
            LeaseRenewInterval = LeaseRenewInterval,
            LeaseAcquireInterval = LeaseAcquireInterval,
            WorkerId = EffectiveWorkerId,

            // Entity batches must reach TaskHubWorker's entity dispatcher (and so the registered TaskEntity objects):
            // without a separate queue the backend hands them to the orchestration dispatcher. The Durable Functions
            // extension sets this for every out-of-process worker.
            UseSeparateQueueForEntityWorkItems = true,
        };

        if (loggerFactory is not null)
        {
            settings.LoggerFactory = loggerFactory;
        }

        return settings;
    }

    private StorageAccountClientProvider CreateClientProvider()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            return new StorageAccountClientProvider(ConnectionString);
        }

        var credential = new DefaultAzureCredential();
        if (BlobServiceUri is null && QueueServiceUri is null && TableServiceUri is null)
        {
            return new StorageAccountClientProvider(AccountName!, credential);
        }

        return new StorageAccountClientProvider(
            BlobServiceUri ?? Endpoint("blob"),
            QueueServiceUri ?? Endpoint("queue"),
            TableServiceUri ?? Endpoint("table"),
            credential);
    }

    private Uri Endpoint(string service) => AccountName is { Length: > 0 } account
        ? new Uri($"https://{account}.{service}.core.windows.net/")
        : throw new InvalidOperationException($"{SectionName}:{char.ToUpperInvariant(service[0])}{service[1..]}ServiceUri or {SectionName}:AccountName is required when no connection string is set.");
}
