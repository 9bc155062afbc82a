using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Worker.Tests.Client;

/// <summary>
/// Azurite from the repository's node_modules/.bin on free loopback ports, with a temporary data folder and a
/// throwaway account key; killed (with its process tree) and its folder deleted on dispose.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountName = "devstoreaccount1";

    private readonly Process process;
    private readonly StringBuilder output;
    private readonly string dataDirectory;

    private AzuriteProcess(Process process, StringBuilder output, string dataDirectory, int[] ports, string accountKey)
    {
        this.process = process;
        this.output = output;
        this.dataDirectory = dataDirectory;
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={accountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{ports[0]}/{AccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{ports[1]}/{AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{ports[2]}/{AccountName};";
    }

    public string ConnectionString { get; }

    public static async Task<AzuriteProcess> StartAsync()
    {
        var root = FindRepositoryRoot();
        var executable = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException("node_modules/.bin/azurite is missing: run `npm ci` at the repository root (Node.js 20).");
        }

        // A port found free may be taken before Azurite binds it; Azurite then exits and new ports are tried.
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePorts(3);
            var dataDirectory = Directory.CreateTempSubdirectory("pipeline-worker-client-azurite-").FullName;
            var accountKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
            var start = new ProcessStartInfo(executable)
            {
                WorkingDirectory = root,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["AZURITE_ACCOUNTS"] = $"{AccountName}:{accountKey}";
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
            var azurite = new AzuriteProcess(process, output, dataDirectory, ports, accountKey);
            try
            {
                await azurite.WaitUntilListeningAsync(ports, TimeSpan.FromSeconds(30));
                return azurite;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                await azurite.DisposeAsync();
            }
            catch
            {
                await azurite.DisposeAsync();
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
        }
        finally
        {
            process.Dispose();
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }

    private async Task WaitUntilListeningAsync(int[] ports, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        foreach (var port in ports)
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before listening on {port}:\n{Output()}");
                }

                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
                    break;
                }
                catch (SocketException)
                {
                    await Task.WhenAny(process.WaitForExitAsync(deadline.Token), Task.Delay(50, deadline.Token));
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"Azurite did not listen on {port} within {timeout.TotalSeconds:0} s:\n{Output()}");
                }
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
            if (output.Length < 8_000)
            {
                output.AppendLine(line);
            }
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "package.json")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("No package.json above the test assembly: cannot find node_modules.");
    }
}
