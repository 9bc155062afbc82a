using System.Diagnostics;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Entities;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Worker.Hosting;
using SdkDataConverter = Microsoft.DurableTask.DataConverter;

namespace Pipeline.Worker;

/// <summary>
/// Runs the catalog's SDK orchestrators, activities and entities on DurableTask.Core's <see cref="TaskHubWorker"/> over
/// <see cref="AzureStorageOrchestrationService"/>, through the SDK's <see cref="DurableTaskShimFactory"/>. Each activity
/// execution and each entity batch gets its own DI scope; each orchestration execution a new orchestrator object.
/// The engine can be started and stopped repeatedly; <see cref="Service"/> exists from construction, so clients can
/// share it.
/// </summary>
public sealed class DurableTaskEngine : IAsyncDisposable
{
    private readonly IServiceProvider services;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly DurableTaskShimFactory shims;
    private readonly SemaphoreSlim gate = new(1, 1);
    private TaskHubWorker? worker;
    private bool disposed;

    public DurableTaskEngine(
        DurableTaskHubOptions options,
        DurableTaskCatalog catalog,
        IServiceProvider services,
        ILoggerFactory loggerFactory,
        SdkDataConverter? dataConverter = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        this.services = services ?? throw new ArgumentNullException(nameof(services));
        this.loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        logger = loggerFactory.CreateLogger<DurableTaskEngine>();
        DataConverter = dataConverter ?? JsonDataConverter.Default;
        CoreDataConverter = new SdkDataConverterAdapter(DataConverter);
        WorkerOptions = new DurableTaskWorkerOptions { EnableEntitySupport = true, DataConverter = DataConverter };
        shims = new DurableTaskShimFactory(WorkerOptions, loggerFactory);
        Service = new AzureStorageOrchestrationService(options.ToServiceSettings(loggerFactory));
    }

    public DurableTaskHubOptions Options { get; }

    public DurableTaskCatalog Catalog { get; }

    /// <summary>The backend; it is also the <see cref="IOrchestrationServiceClient"/> a client over this hub uses.</summary>
    public AzureStorageOrchestrationService Service { get; }

    /// <summary>The SDK converter every workflow payload goes through.</summary>
    public SdkDataConverter DataConverter { get; }

    /// <summary><see cref="DataConverter"/> as a DurableTask.Core converter (for a <c>TaskHubClient</c>).</summary>
    public SdkDataConverterAdapter CoreDataConverter { get; }

    /// <summary>The SDK worker options the shims run with (entities enabled, <see cref="DataConverter"/>).</summary>
    public DurableTaskWorkerOptions WorkerOptions { get; }

    public bool IsRunning => worker is not null;

    /// <summary>Creates the task hub's queues, tables and containers when missing, then starts dispatching.</summary>
    /// <exception cref="InvalidOperationException">Extended sessions are on and the catalog has entities.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Options.ExtendedSessions && Catalog.Entities.Count > 0)
        {
            // Measured on this backend: with extended sessions an entity's operations do not see the state earlier
            // batches left (a job-status entity told Start, then Complete, fails Complete from Pending).
            throw new InvalidOperationException(
                $"{DurableTaskHubOptions.SectionName}:{nameof(DurableTaskHubOptions.ExtendedSessions)} cannot be true while entities are registered " +
                $"({string.Join(", ", Catalog.Entities.Keys)}): entity state is lost between operations with extended sessions on the Azure Storage backend. Set it to false.");
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (worker is not null)
            {
                return;
            }

            Log.EngineStarting(logger, Options.TaskHubName, Catalog.Orchestrators.Count, Catalog.Activities.Count, Catalog.Entities.Count);
            var elapsed = Stopwatch.StartNew();
            await Service.CreateIfNotExistsAsync().WaitAsync(cancellationToken);
            var started = CreateWorker();
            try
            {
                await started.StartAsync().WaitAsync(cancellationToken);
            }
            catch
            {
                started.Dispose();
                throw;
            }

            worker = started;
            Log.EngineStarted(logger, Options.TaskHubName, elapsed.ElapsedMilliseconds);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Stops dispatching: in-flight work items finish (or, when <paramref name="forced"/>, are abandoned) and the
    /// partitions are released, so another engine on the hub picks the instances up.
    /// </summary>
    public async Task StopAsync(bool forced = false, CancellationToken cancellationToken = default)
    {
        if (disposed)
        {
            return;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (worker is not { } running)
            {
                return;
            }

            Log.EngineStopping(logger, Options.TaskHubName);
            var elapsed = Stopwatch.StartNew();
            worker = null;
            try
            {
                await running.StopAsync(forced);
            }
            finally
            {
                running.Dispose();
            }

            Log.EngineStopped(logger, Options.TaskHubName, elapsed.ElapsedMilliseconds);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A new SDK orchestrator object for <paramref name="name"/> wrapped for DurableTask.Core, or null when unknown.</summary>
    internal TaskOrchestration? CreateOrchestration(string name)
        => Catalog.Orchestrators.TryGetValue(name, out var type) ? CreateOrchestration(name, type) : null;

    /// <summary>Stops the engine if it runs and releases the backend. Stopping a disposed engine does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        await StopAsync();
        disposed = true;
        Service.Dispose();
        gate.Dispose();
    }

    private TaskHubWorker CreateWorker()
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var orchestrations = new TaskObjectManager<TaskOrchestration>();
        foreach (var (name, type) in Catalog.Orchestrators)
        {
            orchestrations.Add(new DelegateObjectCreator<TaskOrchestration>(name, () => CreateOrchestration(name, type)));
        }

        var activities = new TaskObjectManager<TaskActivity>();
        foreach (var (name, type) in Catalog.Activities)
        {
            activities.Add(new DelegateObjectCreator<TaskActivity>(name, () => new ScopedActivity(name, type, scopes, shims)));
        }

        var entities = new TaskObjectManager<TaskEntity>();
        foreach (var (name, type) in Catalog.Entities)
        {
            entities.Add(new DelegateObjectCreator<TaskEntity>(name, () => new ScopedEntity(name, type, scopes, shims)));
        }

        var created = new TaskHubWorker(Service, orchestrations, activities, entities, loggerFactory)
        {
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };

        // The parent of a sub-orchestration is only known from the runtime state, which the dispatcher hands to
        // middleware after it has created the task object and before it runs it.
        created.AddOrchestrationDispatcherMiddleware(async (context, next) =>
        {
            if (context.GetProperty<TaskOrchestration>() is SdkOrchestration orchestration)
            {
                orchestration.Parent = SdkOrchestration.ParentOf(context.GetProperty<OrchestrationRuntimeState>());
            }

            await next();
        });
        return created;
    }

    private SdkOrchestration CreateOrchestration(string name, Type type)
        => new(name, () => (Microsoft.DurableTask.ITaskOrchestrator)ActivatorUtilities.CreateInstance(services, type), shims);
}
