namespace Pipeline.Domain.Podcast;

/// <summary>The limits of podcast-episode and diarization requests; part of the HTTP contract (docs/podcast.md).</summary>
public static class PodcastLimits
{
    public const int MaxTopicLength = 500;
    public const int MaxTitleLength = 300;
    public const int MaxAngleLength = 1_000;
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 500;
    public const int MaxVoiceNameLength = 50;
    public const int MinCharacters = 1;
    public const int MaxCharacters = 6;
    public const int MinTurns = 1;
    public const int MaxTurns = 40;
    public const int MaxConcurrency = 32;
    public const int MaxRegistrySpeakers = 50;
    public const int MaxSpeakers = 20;
    public const double MinPitchHz = 40;
    public const double MaxPitchHz = 1_000;
    public const double MinCentroidHz = 50;
    public const double MaxCentroidHz = 11_000;
}
