using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pipeline.Worker;

/// <summary>
/// Runs Azurite (blob, queue and table) from the repository's <c>node_modules/.bin/azurite</c> for a development-storage
/// connection string, on loopback with that connection string's ports, and kills its process tree on dispose. Start-up
/// is awaited on the real signal: every port accepting TCP connections, against a deadline, failing fast with Azurite's
/// output if the process exits first.
/// </summary>
public sealed class AzuriteLauncher : IAsyncDisposable
{
    public const string DevelopmentAccountName = "devstoreaccount1";

    private const int MaxOutputCharacters = 8_000;
    private const string Setting = DurableTaskHubOptions.SectionName + ":ConnectionString";
    private static readonly int[] DevelopmentPorts = [10000, 10001, 10002];
    private static readonly string[] EndpointKeys = ["BlobEndpoint", "QueueEndpoint", "TableEndpoint"];
    private static readonly string[] DependencySections = ["dependencies", "devDependencies"];
    private static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process? process;
    private readonly StringBuilder output;

    private AzuriteLauncher(string connectionString, IReadOnlyList<int> ports, Process? process, StringBuilder output)
    {
        ConnectionString = connectionString;
        Ports = ports;
        this.process = process;
        this.output = output;
    }

    /// <summary>The connection string that reaches this emulator.</summary>
    public string ConnectionString { get; }

    /// <summary>Blob, queue and table ports (empty when the connection string is not development storage).</summary>
    public IReadOnlyList<int> Ports { get; }

    /// <summary>True when this launcher started a process (and so stops it on dispose).</summary>
    public bool StartedProcess => process is not null;

    /// <summary>Processor time the emulator process used so far (user and system); null when this launcher started none.</summary>
    public TimeSpan? ProcessorTime
    {
        get
        {
            if (process is null)
            {
                return null;
            }

            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>What Azurite printed so far (bounded).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// True for <c>UseDevelopmentStorage=true</c> or a connection string whose blob, queue and table endpoints are all
    /// on 127.0.0.1 or localhost.
    /// </summary>
    public static bool IsDevelopmentStorage(string connectionString) => TryGetLocalPorts(connectionString, out _, out _);

    /// <summary>
    /// Makes sure an emulator answers for <paramref name="connectionString"/>: nothing to do for a real account or when
    /// something already listens on its ports; otherwise starts Azurite with its data under <paramref name="dataDirectory"/>
    /// (running <c>npm ci</c> first when <c>node_modules</c> lacks it).
    /// </summary>
    public static async Task<AzuriteLauncher> EnsureRunningAsync(
        string connectionString,
        string dataDirectory,
        ILogger? logger = null,
        TimeSpan? startTimeout = null,
        CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        if (!TryGetLocalPorts(connectionString, out var ports, out var account))
        {
            return new AzuriteLauncher(connectionString, [], null, new StringBuilder());
        }

        if (await AllListeningAsync(ports, cancellationToken))
        {
            Log.StorageEmulatorAlreadyRunning(logger, ports[0], ports[1], ports[2]);
            return new AzuriteLauncher(connectionString, ports, null, new StringBuilder());
        }

        var environment = account is { } explicitAccount ? new Dictionary<string, string> { ["AZURITE_ACCOUNTS"] = $"{explicitAccount.Name}:{explicitAccount.Key}" } : null;
        var launcher = await StartProcessAsync(connectionString, ports, dataDirectory, environment, startTimeout ?? DefaultStartTimeout, logger, cancellationToken);
        Log.StorageEmulatorStarted(logger, ports[0], ports[1], ports[2], dataDirectory);
        return launcher;
    }

    /// <summary>
    /// Starts Azurite on the given loopback ports (for test fixtures, which pick free ones) and returns once all three
    /// accept connections. Azurite gets one account through <c>AZURITE_ACCOUNTS</c>: <paramref name="accountKey"/>, or
    /// a random key made for this process; <see cref="ConnectionString"/> carries it.
    /// </summary>
    public static Task<AzuriteLauncher> StartAsync(
        int blobPort,
        int queuePort,
        int tablePort,
        string dataDirectory,
        string accountName = DevelopmentAccountName,
        string? accountKey = null,
        TimeSpan? startTimeout = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        accountKey ??= Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        int[] ports = [blobPort, queuePort, tablePort];
        var connectionString =
            $"DefaultEndpointsProtocol=http;AccountName={accountName};AccountKey={accountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/{accountName};" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/{accountName};" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/{accountName};";
        var environment = new Dictionary<string, string> { ["AZURITE_ACCOUNTS"] = $"{accountName}:{accountKey}" };
        return StartProcessAsync(connectionString, ports, dataDirectory, environment, startTimeout ?? DefaultStartTimeout, logger ?? NullLogger.Instance, cancellationToken);
    }

    /// <summary>Loopback ports free at the time of the call (the caller must cope with one being taken meanwhile).</summary>
    public static IReadOnlyList<int> FreePorts(int count)
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

    /// <summary>
    /// The folder holding the package.json that names azurite, walking up from the current directory, then from the
    /// application's base directory.
    /// </summary>
    public static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (NamesAzurite(Path.Combine(folder.FullName, "package.json")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"No package.json naming azurite above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}: cannot start the local storage emulator. " +
            $"Run from inside the repository, or set {Setting} to an Azure Storage account.");
    }

    public async ValueTask DisposeAsync()
    {
        if (process is null)
        {
            return;
        }

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
            // Already reaped.
        }
        finally
        {
            process.Dispose();
        }
    }

    private static async Task<AzuriteLauncher> StartProcessAsync(
        string connectionString,
        int[] ports,
        string dataDirectory,
        Dictionary<string, string>? environment,
        TimeSpan startTimeout,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        if (FindOnPath("node") is null)
        {
            throw new InvalidOperationException(
                $"{Setting} points at the local storage emulator, which needs Node.js 20 on PATH to run Azurite. " +
                $"Install Node.js 20, or set {Setting} to an Azure Storage account's connection string " +
                $"(or {DurableTaskHubOptions.SectionName}:AccountName to use DefaultAzureCredential).");
        }

        var root = FindRepositoryRoot();
        var executable = Path.Combine(root, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        if (!File.Exists(executable))
        {
            Log.InstallingStorageEmulator(logger, root);
            await EnsureNodeModulesAsync(root, Path.GetFileName(executable), cancellationToken);
            if (!File.Exists(executable))
            {
                throw new InvalidOperationException($"`npm ci` in {root} did not install node_modules/.bin/azurite; add azurite to package.json or set {Setting} to an Azure Storage account.");
            }
        }

        Directory.CreateDirectory(dataDirectory);
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        string[] arguments =
        [
            "--blobHost", "127.0.0.1", "--blobPort", $"{ports[0]}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{ports[1]}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{ports[2]}",
            "--location", dataDirectory, "--silent", "--skipApiVersionCheck", "--disableTelemetry",
        ];
        foreach (var argument in arguments)
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

        var launcher = new AzuriteLauncher(connectionString, ports, process, output);
        try
        {
            await launcher.WaitUntilListeningAsync(startTimeout, cancellationToken);
            return launcher;
        }
        catch
        {
            await launcher.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var exited = process!.WaitForExitAsync(deadline.Token);
        foreach (var port in Ports)
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before listening on port {port}. Output:\n{Output}");
                }

                if (await AcceptsAsync(port, deadline.Token))
                {
                    break;
                }

                if (deadline.IsCancellationRequested)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new TimeoutException($"Azurite did not listen on port {port} within {timeout.TotalSeconds:0} s. Output:\n{Output}");
                }

                // Not listening yet: look again shortly, or at once when the process exits.
                try
                {
                    await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token));
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }

    private static async Task<bool> AllListeningAsync(int[] ports, CancellationToken cancellationToken)
    {
        foreach (var port in ports)
        {
            if (!await AcceptsAsync(port, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs <c>npm ci</c> in <paramref name="root"/> unless <c>node_modules/.bin/{tool}</c> is already there. Processes
    /// that find it missing at the same time (test projects run in parallel) take turns on a lock file: the first
    /// installs, the others find the tool installed when their turn comes.
    /// </summary>
    public static async Task EnsureNodeModulesAsync(string root, string tool, CancellationToken cancellationToken = default)
    {
        var executable = Path.Combine(root, "node_modules", ".bin", tool);
        if (File.Exists(executable))
        {
            return;
        }

        await using var turn = await InstallLockAsync(Path.Combine(root, ".npm-install.lock"), cancellationToken);
        if (!File.Exists(executable))
        {
            await RunNpmCiAsync(root, cancellationToken);
        }
    }

    private static async Task<FileStream> InstallLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                // Another process holds the lock while it installs; try again shortly.
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }

    private static async Task RunNpmCiAsync(string root, CancellationToken cancellationToken)
    {
        var npm = FindOnPath(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
            ?? throw new InvalidOperationException($"node_modules is missing in {root} and npm is not on PATH. Install Node.js 20 (with npm) and run `npm ci` there, or set {Setting} to an Azure Storage account.");
        var start = new ProcessStartInfo(npm, "ci --no-audit --no-fund")
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var output = new StringBuilder();
        using var npmProcess = new Process { StartInfo = start };
        npmProcess.OutputDataReceived += (_, e) => Append(output, e.Data);
        npmProcess.ErrorDataReceived += (_, e) => Append(output, e.Data);
        npmProcess.Start();
        npmProcess.BeginOutputReadLine();
        npmProcess.BeginErrorReadLine();
        try
        {
            await npmProcess.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            npmProcess.Kill(entireProcessTree: true);
            throw;
        }

        if (npmProcess.ExitCode != 0)
        {
            throw new InvalidOperationException($"`npm ci` in {root} failed with code {npmProcess.ExitCode}. Output:\n{output}");
        }
    }

    private static bool TryGetLocalPorts(string connectionString, out int[] ports, out (string Name, string Key)? account)
    {
        ports = [];
        account = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        var parts = connectionString
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);

        if (parts.TryGetValue("UseDevelopmentStorage", out var development) && bool.TryParse(development, out var useDevelopment) && useDevelopment)
        {
            ports = DevelopmentPorts;
            return true;
        }

        var endpoints = EndpointKeys
            .Select(name => parts.TryGetValue(name, out var value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null)
            .ToList();
        if (endpoints.Any(uri => uri is null || !(uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))))
        {
            return false;
        }

        ports = endpoints.Select(uri => uri!.Port).ToArray();
        if (parts.TryGetValue("AccountName", out var name) && parts.TryGetValue("AccountKey", out var key))
        {
            account = (name, key);
        }

        return true;
    }

    private static bool NamesAzurite(string packageJson)
    {
        if (!File.Exists(packageJson))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(packageJson));
            return DependencySections.Any(section =>
                document.RootElement.TryGetProperty(section, out var dependencies)
                && dependencies.ValueKind == JsonValueKind.Object
                && dependencies.TryGetProperty("azurite", out _));
        }
        catch (JsonException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string? FindOnPath(string name)
        => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

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
}
