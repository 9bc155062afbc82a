namespace Pipeline.Domain.Podcast;

/// <summary>One timed line of a transcript: when it starts and ends in the audio (seconds), who speaks and what.</summary>
public sealed record TranscriptSegment
{
    public required int Index { get; init; }

    public required string SpeakerId { get; init; }

    public required string Speaker { get; init; }

    public required string Text { get; init; }

    public required double Start { get; init; }

    public required double End { get; init; }
}
