using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pipeline.Infrastructure.Tests.Fixtures;

/// <summary>
/// Runs a Node.js emulator from the repository's <c>node_modules/.bin</c> on free loopback ports with a temporary data
/// folder, and stops it (with its whole process tree) and deletes the folder on dispose. Start-up is awaited on the
/// real signal: the first port accepting TCP connections, polled against a deadline.
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private const int MaxOutputCharacters = 8_000;

    private readonly Process process;
    private readonly StringBuilder output;

    private EmulatorProcess(string tool, Process process, StringBuilder output, IReadOnlyList<int> ports, string dataDirectory)
    {
        Tool = tool;
        this.process = process;
        this.output = output;
        Ports = ports;
        DataDirectory = dataDirectory;
    }

    public string Tool { get; }

    /// <summary>The ports handed to the emulator; the first is the one awaited.</summary>
    public IReadOnlyList<int> Ports { get; }

    public int Port => Ports[0];

    public string DataDirectory { get; }

    /// <summary>
    /// Starts <c>node_modules/.bin/{tool}</c> with the arguments <paramref name="arguments"/> builds from the chosen
    /// ports and data folder, and returns once the first port accepts connections.
    /// </summary>
    public static async Task<EmulatorProcess> StartAsync(
        string tool,
        int portCount,
        Func<IReadOnlyList<int>, string, IEnumerable<string>> arguments,
        TimeSpan? startTimeout = null,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var root = FindRepositoryRoot();
        var executable = Path.Combine(root, "node_modules", ".bin", tool);
        if (FindOnPath("node") is null)
        {
            throw new InvalidOperationException($"Node.js is not on PATH; the {tool} emulator needs it. Install Node.js 20, then run `npm ci` at the repository root.");
        }

        // On a fresh clone the emulators are installed here, once, whichever test process gets there first.
        await Pipeline.Worker.AzuriteLauncher.EnsureNodeModulesAsync(root, tool, cancellationToken);
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"The {tool} emulator is not installed (node_modules/.bin/{tool} is missing after `npm ci`). Check package.json at the repository root.");
        }

        // A port picked free can be taken before the emulator binds it; then the emulator exits and we try new ports.
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePorts(portCount);
            var dataDirectory = Directory.CreateTempSubdirectory($"pipeline-{tool}-").FullName;
            var start = new ProcessStartInfo(executable)
            {
                WorkingDirectory = root,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            {
                start.Environment[name] = value;
            }

            foreach (var argument in arguments(ports, dataDirectory))
            {
                start.ArgumentList.Add(argument);
            }

            var output = new StringBuilder();
            var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var emulator = new EmulatorProcess(tool, process, output, ports, dataDirectory);
            try
            {
                await emulator.WaitUntilListeningAsync(startTimeout ?? TimeSpan.FromSeconds(30), cancellationToken);
                return emulator;
            }
            catch (EmulatorExitedException) when (attempt < 3)
            {
                await emulator.DisposeAsync();
            }
            catch
            {
                await emulator.DisposeAsync();
                throw;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        finally
        {
            process.Dispose();
            DeleteDirectory(DataDirectory);
        }
    }

    /// <summary>The folder holding package.json, found by walking up from the test assembly.</summary>
    public static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "package.json")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("No package.json above the test assembly: cannot find the repository root and its node_modules. Run the tests from inside the repository after `npm ci`.");
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (process.HasExited)
            {
                throw new EmulatorExitedException($"The {Tool} emulator exited with code {process.ExitCode} before listening on port {Port}. Output:\n{Output()}");
            }

            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, Port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                // Not listening yet; poll again shortly, or stop on exit or deadline.
                try
                {
                    await Task.WhenAny(process.WaitForExitAsync(deadline.Token), Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token));
                }
                catch (OperationCanceledException)
                {
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (deadline.IsCancellationRequested)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"The {Tool} emulator did not listen on port {Port} within {timeout.TotalSeconds:0} s. Output:\n{Output()}");
            }
        }
    }

    private string Output()
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < MaxOutputCharacters)
            {
                output.AppendLine(line);
            }
        }
    }

    private static List<int> FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToList();
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }

    private static string? FindOnPath(string name)
        => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    private static void DeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private sealed class EmulatorExitedException(string message) : Exception(message);
}
