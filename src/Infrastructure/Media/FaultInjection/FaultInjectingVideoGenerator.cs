using System.Globalization;
using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Media.FaultInjection;

/// <summary>
/// Keys a call by the starting image's length and the duration (streams are not read twice); two clips of one image
/// and duration share a key, which only makes their injected faults alike.
/// </summary>
public sealed class FaultInjectingVideoGenerator(IVideoGenerator inner, FaultInjector injector) : IVideoGenerator
{
    public async Task<GeneratedMedia> GenerateVideoAsync(Stream startingImage, Stream? narration, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var imageLength = startingImage.CanSeek ? startingImage.Length.ToString(CultureInfo.InvariantCulture) : "stream";
        var narrationLength = narration is null ? "none" : narration.CanSeek ? narration.Length.ToString(CultureInfo.InvariantCulture) : "stream";
        await injector.BeforeCallAsync(nameof(IVideoGenerator),
            FaultInjector.Key(imageLength, narrationLength, duration.Ticks.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        return await inner.GenerateVideoAsync(startingImage, narration, duration, cancellationToken);
    }
}
