using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Entities;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Worker.Client;
using SdkDataConverter = Microsoft.DurableTask.DataConverter;

namespace Pipeline.Worker.Tests.Client;

/// <summary>
/// For one test class: a fresh task hub on the test process's Azurite, DurableTask.Core's TaskHubWorker running the test
/// orchestrations, activities and SDK entities, and the <see cref="StorageDurableTaskClient"/> under test.
/// </summary>
public sealed class ClientHubFixture : IAsyncLifetime
{
    public const string CounterName = "counter";
    public const string TallyName = "tally";

    private TaskHubWorker? worker;

    /// <summary>The converter the client and the test orchestrations share.</summary>
    public static SdkDataConverter Converter { get; } = JsonDataConverter.Default;

    public AzureStorageOrchestrationService Service { get; private set; } = null!;

    public StorageDurableTaskClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: stop what did start.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        var connectionString = await Pipeline.Testing.TestStorage.ConnectionStringAsync();
        Service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = "client" + Guid.NewGuid().ToString("N")[..12],
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            PartitionCount = 1,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100),
            UseSeparateQueueForEntityWorkItems = true,

            // Cleaning removes an empty entity only once it is idle for longer than this window (default 30 min).
            EntityMessageReorderWindowInMinutes = 0,
        });

        var shims = new DurableTaskShimFactory(
            new DurableTaskWorkerOptions { EnableEntitySupport = true, DataConverter = Converter },
            NullLoggerFactory.Instance);
        worker = new TaskHubWorker(Service, NullLoggerFactory.Instance)
        {
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        worker.AddTaskOrchestrations(typeof(GreetingOrchestration), typeof(ApprovalOrchestration), typeof(FamilyOrchestration));
        worker.AddTaskActivities(typeof(GreetActivity));
        worker.AddTaskEntities(
            new NameValueObjectCreator<TaskEntity>(CounterName, string.Empty, new SdkEntityOnCore(shims, () => new CounterEntity())),
            new NameValueObjectCreator<TaskEntity>(TallyName, string.Empty, new SdkEntityOnCore(shims, () => new CounterEntity())));
        await worker.StartAsync();

        Client = new StorageDurableTaskClient("test", Service, Converter, NullLoggerFactory.Instance);
    }

    public async Task DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }

        if (worker is not null)
        {
            await worker.StopAsync(isForced: true);
        }

        // The shared Azurite outlives this class: leave nothing of the hub behind.
        if (Service is not null)
        {
            await Service.DeleteAsync();
        }

        worker?.Dispose();
        Service?.Dispose();
    }
}
