using Pipeline.Domain.Media;
using Pipeline.Domain.Podcast;

namespace Pipeline.Standalone.Tests.Fakes;

/// <summary>
/// Holds every music (or speech) generation it wraps until <see cref="Open"/> is called, so a job stays running while a test acts on it;
/// <see cref="Entered"/> completes when the first generation is waiting.
/// </summary>
public sealed class GenerationGate
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => _entered.Task;

    public void Open() => _open.TrySetResult();

    public IMusicGenerator Wrap(IMusicGenerator inner) => new Gated(inner, this);

    public ISpeechGenerator Wrap(ISpeechGenerator inner) => new GatedSpeech(inner, this);

    public IAudioConcatenator Wrap(IAudioConcatenator inner) => new GatedConcatenator(inner, this);

    /// <summary>Waits here until <see cref="Open"/>; <see cref="Entered"/> completes on the first caller.</summary>
    public async Task PassAsync(CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        await _open.Task.WaitAsync(cancellationToken);
    }

    private sealed class Gated(IMusicGenerator inner, GenerationGate gate) : IMusicGenerator
    {
        public async Task<GeneratedMedia> ComposeAsync(string prompt, TimeSpan duration, CancellationToken cancellationToken = default)
        {
            await gate.PassAsync(cancellationToken);
            return await inner.ComposeAsync(prompt, duration, cancellationToken);
        }
    }

    private sealed class GatedConcatenator(IAudioConcatenator inner, GenerationGate gate) : IAudioConcatenator
    {
        public async Task<ConcatenatedAudio> ConcatenateAsync(IReadOnlyList<AudioPart> parts, Stream output, CancellationToken cancellationToken = default)
        {
            await gate.PassAsync(cancellationToken);
            return await inner.ConcatenateAsync(parts, output, cancellationToken);
        }
    }

    private sealed class GatedSpeech(ISpeechGenerator inner, GenerationGate gate) : ISpeechGenerator
    {
        public async Task<GeneratedMedia> SynthesizeAsync(string text, VoiceProfile voice, CancellationToken cancellationToken = default)
        {
            await gate.PassAsync(cancellationToken);
            return await inner.SynthesizeAsync(text, voice, cancellationToken);
        }
    }
}
