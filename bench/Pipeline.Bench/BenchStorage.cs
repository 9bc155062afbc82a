using Pipeline.Worker;

namespace Pipeline.Bench;

/// <summary>One Azurite (on disk, in a temporary folder, on free loopback ports) started by the benchmark and stopped with it.</summary>
internal sealed class BenchStorage : IAsyncDisposable
{
    private readonly DirectoryInfo data;

    private BenchStorage(AzuriteLauncher launcher, DirectoryInfo data)
    {
        Launcher = launcher;
        this.data = data;
    }

    public AzuriteLauncher Launcher { get; }

    public string ConnectionString => Launcher.ConnectionString;

    public int BlobPort => Launcher.Ports[0];

    public int QueuePort => Launcher.Ports[1];

    public int TablePort => Launcher.Ports[2];

    public static async Task<BenchStorage> StartAsync()
    {
        var data = Directory.CreateTempSubdirectory("pipeline-bench-azurite-");
        for (var attempt = 1; ; attempt++)
        {
            var ports = AzuriteLauncher.FreePorts(3);
            try
            {
                return new BenchStorage(await AzuriteLauncher.StartAsync(ports[0], ports[1], ports[2], data.FullName), data);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // A port found free was taken before Azurite bound it: try others.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Launcher.DisposeAsync();
        try
        {
            data.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
