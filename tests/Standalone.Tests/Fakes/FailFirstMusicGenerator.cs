using Pipeline.Domain.Media;

namespace Pipeline.Standalone.Tests.Fakes;

/// <summary>Refuses the first music generation with a permanent error (a content-policy refusal); later ones succeed.</summary>
public sealed class FailFirstMusicGenerator(IMusicGenerator inner) : IMusicGenerator
{
    private int _calls;

    public int Calls => _calls;

    public Task<GeneratedMedia> ComposeAsync(string prompt, TimeSpan duration, CancellationToken cancellationToken = default)
        => Interlocked.Increment(ref _calls) == 1
            ? throw GenerationException.Permanent("test-music", "The prompt was refused by the content policy.")
            : inner.ComposeAsync(prompt, duration, cancellationToken);
}
