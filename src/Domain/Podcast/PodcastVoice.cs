using Pipeline.Domain.Media;

namespace Pipeline.Domain.Podcast;

/// <summary>A person's voice in a request: the provider voice name (optional), pitch 0–99 and speed in words per minute.</summary>
public sealed record PodcastVoice
{
    public const string DefaultName = "en-us";

    public string? Name { get; init; }

    public int Pitch { get; init; } = 50;

    public int SpeedWordsPerMinute { get; init; } = 160;

    public VoiceProfile ToProfile() => new() { Name = Name ?? DefaultName, Pitch = Pitch, SpeedWordsPerMinute = SpeedWordsPerMinute };
}
