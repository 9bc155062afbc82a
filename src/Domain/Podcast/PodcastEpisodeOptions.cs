namespace Pipeline.Domain.Podcast;

/// <summary>Per-job options of a podcast episode.</summary>
public sealed record PodcastEpisodeOptions
{
    /// <summary>Question/answer pairs (interview), rebuttal rounds (debate) or scenes (adventure); 3 when omitted.</summary>
    public int? Turns { get; init; }

    /// <summary>Segments synthesized at once.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>Attempts per segment, the first included.</summary>
    public int? MaxAttempts { get; init; }
}
