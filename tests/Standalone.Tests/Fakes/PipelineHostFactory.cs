using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;
using Pipeline.Runtime;
using Pipeline.Standalone;
using Pipeline.Standalone.Hosting;

namespace Pipeline.Standalone.Tests.Fakes;

/// <summary>The standalone host in memory on a temporary data root, with small, fast media and the real lecture workflow.</summary>
public class PipelineHostFactory : WebApplicationFactory<Program>
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("pipeline-host-");
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public PipelineHostFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _settings = new Dictionary<string, string?>(Defaults(_root.FullName));
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        _services = services;
    }

    public string DataRoot => _root.FullName;

    public DurableRuntime Runtime => Services.GetRequiredService<RuntimeHost>().Runtime;

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
        ["Pipeline:Media:VideoSeconds"] = "1",
        ["Pipeline:Media:PreferExternalTools"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>Every job, blob and orchestration the host holds; empty means nothing was created.</summary>
    public async Task<(int Jobs, int Blobs, int Instances)> CountStoredAsync()
    {
        var jobs = await Jobs.ListAsync(new JobQuery { Limit = JobQuery.MaxLimit });
        var blobs = await Blobs.ListAsync(string.Empty);
        return (jobs.Items.Count, blobs.Keys.Count, Runtime.ListInstances().Count);
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
