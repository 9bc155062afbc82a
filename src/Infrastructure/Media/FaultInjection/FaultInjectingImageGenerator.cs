using System.Globalization;
using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Media.FaultInjection;

public sealed class FaultInjectingImageGenerator(IImageGenerator inner, FaultInjector injector) : IImageGenerator
{
    public async Task<GeneratedMedia> GenerateImageAsync(string prompt, int width, int height, CancellationToken cancellationToken = default)
    {
        await injector.BeforeCallAsync(nameof(IImageGenerator),
            FaultInjector.Key(prompt, width.ToString(CultureInfo.InvariantCulture), height.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        return await inner.GenerateImageAsync(prompt, width, height, cancellationToken);
    }
}
