using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Media;

/// <summary>Checks shared by the speech generators: what no provider could speak is a permanent failure.</summary>
internal static class SpeechInput
{
    public const int MaxTextChars = 20_000;

    public static void Validate(string provider, string text, VoiceProfile voice)
    {
        if (string.IsNullOrWhiteSpace(text) || !text.Any(char.IsLetterOrDigit))
        {
            throw GenerationException.Permanent(provider, "The narration text has nothing to speak.");
        }

        if (text.Length > MaxTextChars)
        {
            throw GenerationException.Permanent(provider, $"The narration text is {text.Length} characters; the limit is {MaxTextChars}.");
        }

        if (voice.Problem is { } problem)
        {
            throw GenerationException.Permanent(provider, $"Invalid voice '{voice.Name}': {problem}");
        }
    }
}
