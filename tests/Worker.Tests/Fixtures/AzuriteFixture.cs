namespace Pipeline.Worker.Tests.Fixtures;

/// <summary>One Azurite for a test collection, started through <see cref="AzuriteLauncher"/> on free loopback ports.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("pipeline-worker-azurite-").FullName;
    private AzuriteLauncher? launcher;

    public string ConnectionString => (launcher ?? throw new InvalidOperationException("Azurite has not started.")).ConnectionString;

    public async Task InitializeAsync()
    {
        // A port found free can be taken before Azurite binds it; Azurite then exits and new ports are tried.
        for (var attempt = 1; ; attempt++)
        {
            var ports = AzuriteLauncher.FreePorts(3);
            try
            {
                launcher = await AzuriteLauncher.StartAsync(ports[0], ports[1], ports[2], dataDirectory);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (launcher is not null)
        {
            await launcher.DisposeAsync();
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
