using System.Globalization;
using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Media.FaultInjection;

public sealed class FaultInjectingMusicGenerator(IMusicGenerator inner, FaultInjector injector) : IMusicGenerator
{
    public async Task<GeneratedMedia> ComposeAsync(string prompt, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        await injector.BeforeCallAsync(nameof(IMusicGenerator), FaultInjector.Key(prompt, duration.Ticks.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        return await inner.ComposeAsync(prompt, duration, cancellationToken);
    }
}
