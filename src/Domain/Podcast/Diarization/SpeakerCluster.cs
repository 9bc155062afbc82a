namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>One speaker found by diarization: its label, its voice features and how much it speaks.</summary>
public sealed record SpeakerCluster
{
    public required string Label { get; init; }

    public required VoiceFeatures Features { get; init; }

    public required double SpeechSeconds { get; init; }
}
