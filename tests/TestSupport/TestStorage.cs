using Pipeline.Worker;

namespace Pipeline.Testing;

/// <summary>
/// One Azurite for the whole test process (blob, queue and table on free loopback ports, a throwaway account key),
/// started on first use and stopped when the process exits. Every engine test gets its own task hub on it.
/// </summary>
public static class TestStorage
{
    private static readonly Lazy<Task<AzuriteLauncher>> Azurite = new(StartAsync);

    public static async Task<string> ConnectionStringAsync() => (await Azurite.Value).ConnectionString;

    /// <summary>A task hub name no other test uses (letters and digits, as Azure Storage requires).</summary>
    public static string NewTaskHubName() => $"t{Guid.NewGuid():N}"[..20];

    private static async Task<AzuriteLauncher> StartAsync()
    {
        var data = Directory.CreateTempSubdirectory("pipeline-test-azurite-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            // A port found free can be taken before Azurite binds it; Azurite then exits and new ports are tried.
            var ports = AzuriteLauncher.FreePorts(3);
            try
            {
                var launcher = await AzuriteLauncher.StartAsync(ports[0], ports[1], ports[2], data);
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    launcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
                    try
                    {
                        Directory.Delete(data, recursive: true);
                    }
                    catch (IOException)
                    {
                    }
                };
                return launcher;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }
}
