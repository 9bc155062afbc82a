using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pipeline.Infrastructure.Tests.Fixtures;

/// <summary>
/// Starts @vercel/cosmosdb-server (Cosmos DB SQL API over TLS) from the repository's node_modules through
/// cosmos-server.mjs, on a free loopback port, with a self-signed certificate made for this run only.
/// Clients must trust exactly that certificate: use <see cref="CreateHttpClient"/>.
/// </summary>
public sealed class CosmosServerFixture : IAsyncLifetime
{
    /// <summary>The server accepts any base64 key: a throwaway one per test run, never one kept in the repository.</summary>
    public static string AccountKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    private readonly string _workDirectory = Path.Combine(Path.GetTempPath(), "pipeline-cosmos-" + Guid.NewGuid().ToString("N"));
    private Process? _process;
    private string? _thumbprint;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>An <see cref="HttpClient"/> that accepts the server's certificate and no other untrusted one.</summary>
    public HttpClient CreateHttpClient()
    {
        var expected = _thumbprint ?? throw new InvalidOperationException("The Cosmos DB server has not been started.");
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == System.Net.Security.SslPolicyErrors.None
                    || string.Equals(certificate?.GetCertHashString(), expected, StringComparison.OrdinalIgnoreCase),
            },
        };
        return new HttpClient(handler, disposeHandler: true);
    }

    public async Task InitializeAsync()
    {
        // On a fresh clone the emulators are installed first, once, whichever test process gets there first.
        await Pipeline.Worker.AzuriteLauncher.EnsureNodeModulesAsync(Pipeline.Worker.AzuriteLauncher.FindRepositoryRoot(), "azurite");
        var modules = FindNodeModules();
        var script = Path.Combine(AppContext.BaseDirectory, "Fixtures", "cosmos-server.mjs");
        Directory.CreateDirectory(_workDirectory);
        var (certPath, keyPath) = WriteCertificate(_workDirectory);

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, modules, certPath, keyPath })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                "Node.js was not found on PATH. The Cosmos DB tests need Node.js 20 and the emulators: run `npm ci` at the repository root.", ex);
        }

        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Text.StringBuilder();
        _process.OutputDataReceived += (_, e) =>
        {
            const string marker = "cosmosdb-server listening on ";
            if (e.Data is { } line && line.StartsWith(marker, StringComparison.Ordinal))
            {
                listening.TrySetResult(int.Parse(line[marker.Length..], System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            }
        };
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            $"cosmosdb-server exited before listening: {errors}"));
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(StartDeadline);
        int port;
        try
        {
            port = await listening.Task.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException ex)
        {
            throw new TimeoutException($"cosmosdb-server did not listen within {StartDeadline}: {errors}", ex);
        }

        Endpoint = new Uri($"https://127.0.0.1:{port}/");

        // The server answers the account read (GET /) once it serves requests; prove it over TLS with the test certificate.
        using var client = CreateHttpClient();
        using var response = await client.GetAsync(Endpoint, deadline.Token);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"cosmosdb-server answered {(int)response.StatusCode} to the account read.");
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    private (string CertPath, string KeyPath) WriteCertificate(string directory)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        _thumbprint = certificate.GetCertHashString();

        var certPath = Path.Combine(directory, "cert.pem");
        var keyPath = Path.Combine(directory, "key.pem");
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath);
    }

    private static string FindNodeModules()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "package.json")))
            {
                var modules = Path.Combine(directory.FullName, "node_modules");
                if (File.Exists(Path.Combine(modules, "@vercel", "cosmosdb-server", "package.json")))
                {
                    return modules;
                }

                throw new InvalidOperationException(
                    $"@vercel/cosmosdb-server is not installed under {modules}. Run `npm ci` at the repository root (Node.js 20).");
            }
        }

        throw new InvalidOperationException(
            "No package.json above the test output folder: run the tests from the repository and run `npm ci` at its root (Node.js 20).");
    }
}
