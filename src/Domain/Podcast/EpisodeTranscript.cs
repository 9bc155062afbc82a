namespace Pipeline.Domain.Podcast;

/// <summary>The transcript of an episode: the script's lines with their times in the assembled audio. Stored as JSON.</summary>
public sealed record EpisodeTranscript
{
    public required string Title { get; init; }

    public required double Duration { get; init; }

    public required IReadOnlyList<TranscriptSegment> Segments { get; init; }
}
