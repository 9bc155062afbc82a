using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Durable;
using Pipeline.Runtime;
using Pipeline.Runtime.Store;
using Pipeline.Standalone.Telemetry;

namespace Pipeline.Standalone.Hosting;

/// <summary>
/// Owns the in-process durable runtime on its SQLite history. Starting resumes every unfinished job; stopping (Ctrl+C,
/// SIGTERM) stops taking work and lets running activities finish and commit before the process ends.
/// </summary>
public sealed class RuntimeHost : IHostedService, IAsyncDisposable
{
    private readonly SqliteHistoryStore _store;
    private readonly ILogger<RuntimeHost> _logger;
    private bool _started;

    public RuntimeHost(
        DurableCatalog catalog,
        IServiceProvider services,
        IPayloadConverter converter,
        TimeProvider time,
        IOptions<DurableRuntimeOptions> options,
        ILoggerFactory loggerFactory)
    {
        var path = Path.GetFullPath(options.Value.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _store = new SqliteHistoryStore(path);
        _logger = loggerFactory.CreateLogger<RuntimeHost>();
        Runtime = new DurableRuntime(Instrument(catalog), services, _store, converter, time, options.Value, loggerFactory);
        DatabasePath = path;
    }

    public DurableRuntime Runtime { get; }

    public string DatabasePath { get; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Runtime.Start();
        _started = true;
        Log.RuntimeStarted(_logger, DatabasePath);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            return;
        }

        Log.RuntimeStopping(_logger);
        await Runtime.StopAsync().WaitAsync(cancellationToken);
        _started = false;
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        _store.Dispose();
    }

    /// <summary>The catalog with every activity wrapped in <see cref="InstrumentedActivity{TActivity}"/>, under its own name.</summary>
    public static DurableCatalog Instrument(DurableCatalog catalog)
    {
        var instrumented = new DurableCatalog();
        foreach (var entry in catalog.Entries)
        {
            var type = entry.Kind == DurableFunctionKind.Activity && !IsInstrumented(entry.Type)
                ? typeof(InstrumentedActivity<>).MakeGenericType(entry.Type)
                : entry.Type;
            instrumented.Add(type, entry.Kind, entry.Name);
        }

        return instrumented;
    }

    private static bool IsInstrumented(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(InstrumentedActivity<>);
}
