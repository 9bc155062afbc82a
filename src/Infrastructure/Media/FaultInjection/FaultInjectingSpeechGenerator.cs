using System.Globalization;
using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Media.FaultInjection;

public sealed class FaultInjectingSpeechGenerator(ISpeechGenerator inner, FaultInjector injector) : ISpeechGenerator
{
    public async Task<GeneratedMedia> SynthesizeAsync(string text, VoiceProfile voice, CancellationToken cancellationToken = default)
    {
        await injector.BeforeCallAsync(nameof(ISpeechGenerator),
            FaultInjector.Key(text, voice.Name, voice.Pitch.ToString(CultureInfo.InvariantCulture), voice.SpeedWordsPerMinute.ToString(CultureInfo.InvariantCulture)),
            cancellationToken);
        return await inner.SynthesizeAsync(text, voice, cancellationToken);
    }
}
