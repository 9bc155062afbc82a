using System.Text;
using Pipeline.Domain.Media;

namespace Pipeline.Domain.Tests.Podcast;

/// <summary>"Audio" that is the text's bytes (10 ms per byte); fails permanently on a chosen text.</summary>
internal sealed class FakeSpeechGenerator : ISpeechGenerator
{
    public string? FailOn { get; set; }

    public Task<GeneratedMedia> SynthesizeAsync(string text, VoiceProfile voice, CancellationToken cancellationToken = default)
    {
        if (FailOn is not null && text.Contains(FailOn, StringComparison.Ordinal))
        {
            throw GenerationException.Permanent("fake-speech", $"refused '{FailOn}'");
        }

        var bytes = Encoding.UTF8.GetBytes($"{voice.Pitch}:{text}");
        return Task.FromResult(new GeneratedMedia { Content = new MemoryStream(bytes), ContentType = "audio/wav", Extension = "wav", Duration = TimeSpan.FromMilliseconds(10 * bytes.Length) });
    }
}
