namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>Segments and speakers merged (aligned to a transcript by time when one was given). Stored as a blob.</summary>
public sealed record EnrichedTranscript
{
    public required double Duration { get; init; }

    public required bool Aligned { get; init; }

    public required IReadOnlyList<SpeakerMatch> Speakers { get; init; }

    public required IReadOnlyList<EnrichedSegment> Segments { get; init; }
}
