namespace Pipeline.Domain.Media;

/// <summary>Speaks text (OpenAI / Azure OpenAI speech behind an adapter, espeak-ng, or the built-in synthesizer).</summary>
public interface ISpeechGenerator
{
    /// <summary>A WAV file of <paramref name="text"/> spoken in <paramref name="voice"/>, with its duration.</summary>
    Task<GeneratedMedia> SynthesizeAsync(string text, VoiceProfile voice, CancellationToken cancellationToken = default);
}
