using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;
using Pipeline.Standalone;
using Pipeline.Testing;
using Pipeline.Worker;

namespace Pipeline.Standalone.Tests.Fakes;

/// <summary>
/// The standalone host in memory on a temporary data root, with small, fast media and the real lecture workflow, its
/// engine on a task hub of its own on the test process's shared Azurite (tuned like the engine tests' hosts).
/// </summary>
public class PipelineHostFactory : WebApplicationFactory<Program>
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("pipeline-host-");
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private bool _created;

    public PipelineHostFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _settings = new Dictionary<string, string?>(Defaults(_root.FullName));
        foreach (var (key, value) in EngineSettings(SharedConnectionString(), TestStorage.NewTaskHubName()))
        {
            _settings[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        _services = services;
    }

    public string DataRoot => _root.FullName;

    public DurableTaskEngine Engine => Services.GetRequiredService<DurableTaskEngine>();

    public DurableTaskClient Client => Services.GetRequiredService<DurableTaskClient>();

    public IBlobStore Blobs => Services.GetRequiredService<IBlobStore>();

    public IJobRepository Jobs => Services.GetRequiredService<IJobRepository>();

    /// <summary>Settings that keep media small and retries short; the data root is a fresh temporary folder.</summary>
    public static Dictionary<string, string?> Defaults(string dataRoot) => new()
    {
        ["Pipeline:Standalone:DataRoot"] = dataRoot,
        ["Pipeline:Lecture:ImageWidth"] = "160",
        ["Pipeline:Lecture:ImageHeight"] = "90",
        ["Pipeline:Lecture:Retry:FirstInterval"] = "00:00:01",
        ["Pipeline:Lecture:Retry:MaxAttempts"] = "2",
        ["Pipeline:Media:VideoWidth"] = "160",
        ["Pipeline:Media:VideoHeight"] = "90",
        ["Pipeline:Media:VideoFramesPerSecond"] = "5",
        ["Pipeline:Media:PreferExternalTools"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>
    /// The engine on <paramref name="connectionString"/> and task hub <paramref name="taskHubName"/>, tuned for tests as
    /// the engine tests tune theirs: one partition, 100 ms polling, short leases, no emulator of its own.
    /// </summary>
    public static Dictionary<string, string?> EngineSettings(string connectionString, string taskHubName) => new()
    {
        ["Pipeline:DurableTask:ConnectionString"] = connectionString,
        ["Pipeline:DurableTask:TaskHubName"] = taskHubName,
        ["Pipeline:DurableTask:PartitionCount"] = "1",
        ["Pipeline:DurableTask:MaxConcurrentActivities"] = "8",
        ["Pipeline:DurableTask:MaxQueuePollingInterval"] = "00:00:00.100",
        ["Pipeline:DurableTask:WorkItemQueueVisibilityTimeout"] = "00:00:30",
        ["Pipeline:DurableTask:ControlQueueVisibilityTimeout"] = "00:00:05",
        ["Pipeline:DurableTask:LeaseInterval"] = "00:00:05",
        ["Pipeline:DurableTask:LeaseRenewInterval"] = "00:00:02",
        ["Pipeline:DurableTask:LeaseAcquireInterval"] = "00:00:01",
        ["Pipeline:DurableTask:StartStorageEmulator"] = "false",
    };

    /// <summary>The test process's Azurite (started on first use), awaited off any synchronization context.</summary>
    public static string SharedConnectionString() => Task.Run(TestStorage.ConnectionStringAsync).GetAwaiter().GetResult();

    /// <summary>Every job, blob and orchestration the host holds; empty means nothing was created.</summary>
    public async Task<(int Jobs, int Blobs, int Instances)> CountStoredAsync()
    {
        var jobs = await Jobs.ListAsync(new JobQuery { Limit = JobQuery.MaxLimit });
        var blobs = await Blobs.ListAsync(string.Empty);
        return (jobs.Items.Count, blobs.Keys.Count, (await InstanceIdsAsync()).Count);
    }

    /// <summary>The ids of every orchestration instance on the host's task hub.</summary>
    public async Task<IReadOnlyList<string>> InstanceIdsAsync(string? prefix = null)
    {
        var ids = new List<string>();
        await foreach (var instance in Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix }))
        {
            ids.Add(instance.InstanceId);
        }

        return ids;
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        _created = true;
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_created)
        {
            // The task hub is this host's alone: stop dispatching, then remove its queues, tables and containers.
            var engine = Engine;
            await engine.StopAsync(forced: true);
            await engine.Service.DeleteAsync();
        }

        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS is left in the temp folder.
        }
    }
}
