using System.Security.Cryptography;

namespace Pipeline.Infrastructure.Tests.Fixtures;

/// <summary>One Azurite (blob, queue and table endpoints) for a test collection.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private EmulatorProcess? emulator;

    public const string AccountName = "devstoreaccount1";

    /// <summary>A throwaway key made for this emulator (Azurite's <c>AZURITE_ACCOUNTS</c>), never one kept in the repository.</summary>
    public string AccountKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    public int BlobPort => Emulator.Ports[0];

    public int QueuePort => Emulator.Ports[1];

    public int TablePort => Emulator.Ports[2];

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    private EmulatorProcess Emulator => emulator ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync()
        => emulator = await EmulatorProcess.StartAsync("azurite", 3, static (ports, data) =>
        [
            "--blobHost", "127.0.0.1", "--blobPort", $"{ports[0]}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{ports[1]}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{ports[2]}",
            "--location", data, "--silent", "--skipApiVersionCheck", "--disableTelemetry",
        ],
        environment: new Dictionary<string, string> { ["AZURITE_ACCOUNTS"] = $"{AccountName}:{AccountKey}" });

    public async Task DisposeAsync()
    {
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }
    }
}
