using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

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

    public static HostProcess Start(string workingDirectory, IEnumerable<string> arguments)
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
