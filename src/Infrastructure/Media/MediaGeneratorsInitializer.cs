using Microsoft.Extensions.Hosting;
using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Media;

/// <summary>Resolves the generators at start, so the choice of speech and video generator is made and logged at start-up.</summary>
public sealed class MediaGeneratorsInitializer(ISpeechGenerator speech, IVideoGenerator video) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(speech);
        GC.KeepAlive(video);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
