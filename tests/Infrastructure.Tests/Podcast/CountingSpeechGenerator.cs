using Pipeline.Domain.Media;
using Pipeline.Testing;

namespace Pipeline.Infrastructure.Tests.Podcast;

/// <summary>Counts calls per text in an <see cref="ExecutionLog"/> under a prefix: put one outside fault injection (attempts) and one inside (successful generations).</summary>
internal sealed class CountingSpeechGenerator(ISpeechGenerator inner, ExecutionLog log, string prefix) : ISpeechGenerator
{
    public async Task<GeneratedMedia> SynthesizeAsync(string text, VoiceProfile voice, CancellationToken cancellationToken = default)
    {
        log.Record(prefix + text);
        return await inner.SynthesizeAsync(text, voice, cancellationToken);
    }
}
