using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Domain.Durable;
using Pipeline.Runtime;
using Pipeline.Runtime.Store;
using Pipeline.Runtime.Testing;

namespace Pipeline.Testing;

/// <summary>The in-process runtime on virtual time, for workflow tests: a catalog, fakes by DI, an execution log.</summary>
public sealed class TestRuntime : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public TestRuntime(DurableCatalog catalog, IHistoryStore? store = null, ExecutionLog? log = null, FakeTimeProvider? clock = null, Action<IServiceCollection>? services = null, int maxConcurrentActivities = 8, IPayloadConverter? converter = null)
    {
        Clock = clock ?? new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Log = log ?? new ExecutionLog();
        Log.Clock = Clock;
        Store = store ?? new InMemoryHistoryStore();
        VirtualClock = new VirtualActivityClock(Clock, t => Clock.SetUtcNow(t));
        var collection = new ServiceCollection().AddLogging().AddSingleton(Log).AddSingleton(VirtualClock);
        services?.Invoke(collection);
        _services = collection.BuildServiceProvider();
        Runtime = new DurableRuntime(catalog, _services, Store, converter ?? _services.GetService<IPayloadConverter>(), Clock, options: new DurableRuntimeOptions { MaxConcurrentActivities = maxConcurrentActivities });
        Runtime.Start();
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>Simulated activity latency on <see cref="Clock"/>; drives the runtime until an instance ends.</summary>
    public VirtualActivityClock VirtualClock { get; }

    public ExecutionLog Log { get; }

    public IHistoryStore Store { get; }

    public DurableRuntime Runtime { get; }

    public IDurableClient Client => Runtime.Client;

    /// <summary>The services activities and entities are built from.</summary>
    public IServiceProvider Services => _services;

    public async Task<OrchestrationMetadata> RunAsync(string workflow, object? input, string? instanceId = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(workflow, input, new StartOrchestrationOptions(instanceId));
        return await CompleteAsync(id);
    }

    public Task<OrchestrationMetadata> CompleteAsync(string instanceId)
        => VirtualClock.RunToCompletionAsync(Runtime, instanceId).WaitAsync(TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        await _services.DisposeAsync();
    }
}
