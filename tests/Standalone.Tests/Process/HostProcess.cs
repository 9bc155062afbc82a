using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;
using Pipeline.Standalone.Tests.Fakes;
using Pipeline.Worker;

namespace Pipeline.Standalone.Tests.Process;

/// <summary>The built standalone host run as a real process (<c>dotnet Pipeline.Standalone.dll …</c>), its output collected.</summary>
public sealed class HostProcess : IDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(System.Diagnostics.Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public System.Diagnostics.Process Process => _process;

    /// <summary>The host's assembly, built next to this test project in the same configuration.</summary>
    public static string HostAssembly
    {
        get
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory);
            var framework = here.Name;
            var configuration = here.Parent!.Name;
            var repo = here;
            while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Pipeline.sln")))
            {
                repo = repo.Parent;
            }

            var path = Path.Combine(repo!.FullName, "src", "Standalone", "bin", configuration, framework, "Pipeline.Standalone.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build src/Standalone first.", path);
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            var repo = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(repo.FullName, "Pipeline.sln")))
            {
                repo = repo.Parent!;
            }

            return repo.FullName;
        }
    }

    /// <summary>
    /// The engine settings of a host process as environment variables (<c>Pipeline__DurableTask__…</c>): the test
    /// process's Azurite, task hub <paramref name="taskHubName"/>, the tuning of <see cref="PipelineHostFactory.EngineSettings"/>.
    /// </summary>
    public static Dictionary<string, string> EngineEnvironment(string taskHubName, IDictionary<string, string>? overrides = null)
    {
        var settings = PipelineHostFactory.EngineSettings(PipelineHostFactory.SharedConnectionString(), taskHubName);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
    }

    /// <summary>Removes a task hub a host process ran on (its queues, tables and containers).</summary>
    public static async Task DeleteTaskHubAsync(string taskHubName)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(PipelineHostFactory.EngineSettings(PipelineHostFactory.SharedConnectionString(), taskHubName))
            .Build();
        var options = configuration.GetSection(DurableTaskHubOptions.SectionName).Get<DurableTaskHubOptions>()!;
        using var service = new AzureStorageOrchestrationService(options.ToServiceSettings());
        await service.DeleteAsync();
    }

    /// <summary>The asset ids whose completion the job's recorded history holds (what a replay will never schedule again).</summary>
    public static async Task<HashSet<string>> RecordedCompletionsAsync(string taskHubName, string instanceId)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(PipelineHostFactory.EngineSettings(PipelineHostFactory.SharedConnectionString(), taskHubName))
            .Build();
        var options = configuration.GetSection(DurableTaskHubOptions.SectionName).Get<DurableTaskHubOptions>()!;
        using var service = new AzureStorageOrchestrationService(options.ToServiceSettings());
        var completed = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([instanceId]);
        while (pending.TryDequeue(out var id))
        {
            // A split stage's assets complete in its child orchestrations.
            var events = (await StoredHistory.ReadAsync(service, id))?.Events ?? [];
            foreach (var child in events.OfType<DurableTask.Core.History.SubOrchestrationInstanceCreatedEvent>())
            {
                pending.Enqueue(child.InstanceId);
            }

            foreach (var done in events.OfType<DurableTask.Core.History.TaskCompletedEvent>())
            {
                if (done.Result is { } result && result.StartsWith('{') && System.Text.Json.JsonDocument.Parse(result).RootElement.TryGetProperty("assetId", out var asset))
                {
                    completed.Add(asset.GetString()!);
                }
            }
        }

        return completed;
    }

    /// <summary>Generations per asset id, from a generation log's keys <c>jobs/{jobId}/{stage}/{assetId}.{ext}</c>.</summary>
    public static Dictionary<string, int> Generations(string log)
        => !File.Exists(log)
            ? []
            : File.ReadAllLines(log).Where(l => l.Length > 0)
                .Select(l => Path.GetFileNameWithoutExtension(l.Split('/')[^1]))
                .GroupBy(id => id, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Returns once the host answers its health route; fails if the process exits or the deadline passes.</summary>
    public async Task WaitHealthyAsync(HttpClient http, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < until)
        {
            Assert.False(Process.HasExited, $"The host exited: {Output}");
            try
            {
                if ((await http.GetAsync("/api/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The host did not become healthy: {Output}");
    }

    /// <summary>The job's view once it is neither Pending nor Running; fails if the process exits or the deadline passes.</summary>
    public async Task<System.Text.Json.JsonElement> WaitFinishedAsync(HttpClient http, string jobId, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < until)
        {
            Assert.False(Process.HasExited, $"The host exited: {Output}");
            var job = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/api/jobs/{jobId}")).RootElement.Clone();
            if (job.GetProperty("status").GetString() is not ("Running" or "Pending"))
            {
                return job;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Job '{jobId}' did not finish: {Output}");
        return default;
    }

    public static HostProcess Start(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(HostAssembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return new HostProcess(System.Diagnostics.Process.Start(info)!);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
