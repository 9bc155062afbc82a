using DurableTask.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Worker.Tests.Samples;

namespace Pipeline.Worker.Tests.Fixtures;

/// <summary>
/// A fresh task hub on the shared Azurite, tuned for tests, with the sample services, engines over it and a
/// DurableTask.Core <see cref="TaskHubClient"/> using the engine's converter.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly List<DurableTaskEngine> engines = [];

    public EngineHarness(AzuriteFixture azurite, Action<IServiceCollection>? configure = null)
    {
        Options = TestOptions(azurite.ConnectionString, $"t{Guid.NewGuid():N}"[..16]);
        var services = new ServiceCollection()
            .AddSingleton<IMultiplier, Multiplier>()
            .AddSingleton<TestSignals>()
            .AddSingleton<ExecutionCounter>()
            .AddSingleton<ProbeLedger>()
            .AddScoped<ScopedProbe>();
        configure?.Invoke(services);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public DurableTaskHubOptions Options { get; }

    /// <summary>Silent, unless PIPELINE_TEST_LOG names a minimum level to write to the console.</summary>
    public static ILoggerFactory LoggerFactory { get; } = Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("PIPELINE_TEST_LOG"), out var level)
        ? Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder.AddSimpleConsole(console => console.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(level))
        : NullLoggerFactory.Instance;

    public ServiceProvider Services { get; }

    public TestSignals Signals => Services.GetRequiredService<TestSignals>();

    public ExecutionCounter Counter => Services.GetRequiredService<ExecutionCounter>();

    public static DurableTaskHubOptions TestOptions(string connectionString, string taskHubName) => new()
    {
        ConnectionString = connectionString,
        TaskHubName = taskHubName,
        PartitionCount = 1,
        MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100),
        WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
        ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(5),
        LeaseInterval = TimeSpan.FromSeconds(4),
        LeaseRenewInterval = TimeSpan.FromSeconds(1),
        LeaseAcquireInterval = TimeSpan.FromSeconds(1),
        MaxConcurrentActivities = 20,
    };

    /// <summary>A new engine on this hub (not started).</summary>
    public DurableTaskEngine CreateEngine(DurableTaskCatalog catalog)
    {
        var engine = new DurableTaskEngine(Options, catalog, Services, LoggerFactory);
        engines.Add(engine);
        return engine;
    }

    public async Task<DurableTaskEngine> StartEngineAsync(DurableTaskCatalog catalog)
    {
        var engine = CreateEngine(catalog);
        await engine.StartAsync();
        return engine;
    }

    public static TaskHubClient ClientFor(DurableTaskEngine engine) => new(engine.Service, engine.CoreDataConverter, NullLoggerFactory.Instance);

    public static async Task<OrchestrationInstance> ScheduleAsync(DurableTaskEngine engine, string name, object? input)
        => await ClientFor(engine).CreateOrchestrationInstanceAsync(name, string.Empty, $"{name}-{Guid.NewGuid():N}", input);

    public static async Task<OrchestrationState> WaitAsync(DurableTaskEngine engine, OrchestrationInstance instance)
    {
        using var cancellation = new CancellationTokenSource(Timeout);
        return await ClientFor(engine).WaitForOrchestrationAsync(instance, Timeout, cancellation.Token)
            ?? throw new TimeoutException($"{instance.InstanceId} did not finish within {Timeout}.");
    }

    public static async Task<OrchestrationState> RunAsync(DurableTaskEngine engine, string name, object? input)
        => await WaitAsync(engine, await ScheduleAsync(engine, name, input));

    public async ValueTask DisposeAsync()
    {
        foreach (var engine in engines)
        {
            await engine.StopAsync(forced: true);
        }

        if (engines.Count > 0)
        {
            await engines[0].Service.DeleteAsync();
        }

        foreach (var engine in engines)
        {
            await engine.DisposeAsync();
        }

        await Services.DisposeAsync();
    }
}
