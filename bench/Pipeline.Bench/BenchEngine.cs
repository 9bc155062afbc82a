using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Payloads;
using Pipeline.Worker;
using Pipeline.Worker.Client;

namespace Pipeline.Bench;

/// <summary>The real engine (DurableTask.Core over the Azure Storage backend) on a fresh task hub, with its client.</summary>
internal sealed class BenchEngine : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private BenchEngine(DurableTaskHubOptions options, DurableCatalog catalog, ServiceProvider services)
    {
        this.services = services;
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var converter = services.GetService<Microsoft.DurableTask.DataConverter>() ?? JsonPayloadConverter.Instance;
        Engine = new DurableTaskEngine(options, catalog.ToEngineCatalog(), services, loggers, converter);
        Client = new StorageDurableTaskClient(options.TaskHubName, Engine.Service, converter, loggers);
    }

    public DurableTaskEngine Engine { get; }

    public StorageDurableTaskClient Client { get; }

    public IServiceProvider Services => services;

    public static async Task<BenchEngine> StartAsync(DurableTaskHubOptions options, DurableCatalog catalog, Action<IServiceCollection>? configure = null)
    {
        var collection = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
        configure?.Invoke(collection);
        var host = new BenchEngine(options, catalog, collection.BuildServiceProvider());
        await host.Engine.StartAsync();
        return host;
    }

    /// <summary>Schedules <paramref name="workflow"/> and waits for it to complete; throws when it does not.</summary>
    public async Task<OrchestrationMetadata> RunAsync(string workflow, object input, string instanceId, TimeSpan timeout)
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(workflow, input, new StartOrchestrationOptions { InstanceId = instanceId });
        using var cancel = new CancellationTokenSource(timeout);
        var result = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancel.Token);
        return result.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? result
            : throw new InvalidOperationException($"{workflow} {instanceId} ended {result.RuntimeStatus}: {result.FailureDetails?.ErrorMessage}");
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.StopAsync(forced: true);
        await Engine.Service.DeleteAsync();
        await Engine.DisposeAsync();
        await services.DisposeAsync();
    }
}
