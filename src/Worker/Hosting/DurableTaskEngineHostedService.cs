using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pipeline.Worker.Hosting;

/// <summary>Starts the storage emulator (for development storage) and the engine with the host, and stops both with it.</summary>
internal sealed class DurableTaskEngineHostedService(
    DurableTaskEngine engine,
    IOptions<DurableTaskHubOptions> options,
    ILogger<DurableTaskEngineHostedService> logger) : IHostedService, IAsyncDisposable
{
    private AzuriteLauncher? emulator;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.StartStorageEmulator && settings.UsesDevelopmentStorage)
        {
            emulator = await AzuriteLauncher.EnsureRunningAsync(settings.ConnectionString!, settings.StorageEmulatorDirectory, logger, cancellationToken: cancellationToken);
        }

        await engine.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await engine.StopAsync(cancellationToken: cancellationToken);
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
            emulator = null;
        }
    }
}
