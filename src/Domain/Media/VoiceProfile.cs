namespace Pipeline.Domain.Media;

/// <summary>
/// A narration voice: the provider's voice name, a pitch from 0 (lowest) to 99 (highest) with 50 as the voice's
/// natural pitch, and a speaking rate in words per minute.
/// </summary>
public sealed record VoiceProfile
{
    public const int MinPitch = 0;
    public const int MaxPitch = 99;
    public const int MinSpeedWordsPerMinute = 80;
    public const int MaxSpeedWordsPerMinute = 450;

    public required string Name { get; init; }

    public int Pitch { get; init; } = 50;

    public int SpeedWordsPerMinute { get; init; } = 160;

    /// <summary>Why this profile cannot be spoken, or null when it can.</summary>
    public string? Problem =>
        string.IsNullOrWhiteSpace(Name) ? "The voice name is empty."
        : Pitch is < MinPitch or > MaxPitch ? $"Pitch {Pitch} is outside {MinPitch}–{MaxPitch}."
        : SpeedWordsPerMinute is < MinSpeedWordsPerMinute or > MaxSpeedWordsPerMinute
            ? $"Speed {SpeedWordsPerMinute} wpm is outside {MinSpeedWordsPerMinute}–{MaxSpeedWordsPerMinute}."
        : null;
}
