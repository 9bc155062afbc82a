using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Payloads;
using Pipeline.Worker;
using Pipeline.Worker.Client;

namespace Pipeline.Testing;

/// <summary>
/// The real engine for workflow tests: DurableTask.Core's task hub worker over the Azure Storage backend on the shared
/// Azurite, a fresh task hub per host, the catalog's classes with fakes by DI, a client over the same hub and an
/// execution log. Settings are tuned for tests: one partition, 100 ms polling, short leases.
/// </summary>
public sealed class TestEngine : IAsyncDisposable
{
    /// <summary>How long a test waits for an instance to end before it fails.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private readonly ServiceProvider services;

    private TestEngine(DurableCatalog catalog, DurableTaskHubOptions options, ServiceProvider services, DataConverter converter)
    {
        this.services = services;
        Catalog = catalog;
        Options = options;
        Converter = converter;
        var loggers = services.GetRequiredService<ILoggerFactory>();
        Engine = new DurableTaskEngine(options, catalog.ToEngineCatalog(), services, loggers, converter);
        Client = new StorageDurableTaskClient(options.TaskHubName, Engine.Service, converter, loggers);
    }

    public DurableCatalog Catalog { get; }

    public DurableTaskHubOptions Options { get; }

    public DataConverter Converter { get; }

    public DurableTaskEngine Engine { get; }

    public StorageDurableTaskClient Client { get; }

    public ExecutionLog Log => services.GetRequiredService<ExecutionLog>();

    /// <summary>The services activities and entities are built from.</summary>
    public IServiceProvider Services => services;

    /// <summary>Tuned settings for a test task hub on <paramref name="connectionString"/>.</summary>
    public static DurableTaskHubOptions TestOptions(string connectionString, string? taskHubName = null, int maxConcurrentActivities = 8) => new()
    {
        ConnectionString = connectionString,
        TaskHubName = taskHubName ?? TestStorage.NewTaskHubName(),
        PartitionCount = 1,
        MaxConcurrentActivities = maxConcurrentActivities,
        MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100),
        WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
        ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(5),
        LeaseInterval = TimeSpan.FromSeconds(5),
        LeaseRenewInterval = TimeSpan.FromSeconds(2),
        LeaseAcquireInterval = TimeSpan.FromSeconds(1),
        StartStorageEmulator = false,
    };

    /// <summary>
    /// Starts an engine for <paramref name="catalog"/>; <paramref name="configure"/> adds the services activities need.
    /// The converter is the registered <see cref="DataConverter"/> (the claim-check one when storage is registered),
    /// else the plain payload JSON; <paramref name="tune"/> changes the test settings (e.g. extended sessions).
    /// </summary>
    public static async Task<TestEngine> StartAsync(
        DurableCatalog catalog,
        Action<IServiceCollection>? configure = null,
        int maxConcurrentActivities = 8,
        string? taskHubName = null,
        ExecutionLog? log = null,
        Action<DurableTaskHubOptions>? tune = null)
    {
        var options = TestOptions(await TestStorage.ConnectionStringAsync(), taskHubName, maxConcurrentActivities);
        tune?.Invoke(options);
        return await StartAsync(options, catalog, configure, log);
    }

    /// <summary>Starts an engine on a task hub of the caller's <paramref name="options"/> (benchmarks compare settings).</summary>
    public static async Task<TestEngine> StartAsync(
        DurableTaskHubOptions options,
        DurableCatalog catalog,
        Action<IServiceCollection>? configure = null,
        ExecutionLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        var collection = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(log ?? new ExecutionLog());
        configure?.Invoke(collection);
        var provider = collection.BuildServiceProvider();
        var host = new TestEngine(catalog, options, provider, provider.GetService<DataConverter>() ?? JsonPayloadConverter.Instance);
        try
        {
            await host.Engine.StartAsync();
        }
        catch
        {
            await host.Engine.DisposeAsync();
            await provider.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Schedules <paramref name="workflow"/> and waits for it to end (within <see cref="Timeout"/> unless given).</summary>
    public async Task<OrchestrationMetadata> RunAsync(string workflow, object? input, string? instanceId = null, TimeSpan? within = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(workflow, input, new StartOrchestrationOptions { InstanceId = instanceId });
        return await CompleteAsync(id, within);
    }

    /// <summary>Waits for an instance to end (completed, failed or terminated), inputs and outputs included.</summary>
    public async Task<OrchestrationMetadata> CompleteAsync(string instanceId, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? Timeout);
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.StopAsync(forced: true);
        await Engine.Service.DeleteAsync();
        await Engine.DisposeAsync();
        await services.DisposeAsync();
    }
}
