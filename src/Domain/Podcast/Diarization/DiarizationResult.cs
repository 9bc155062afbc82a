namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>Who spoke when: the speakers found and the segments in time order. Stored as a blob; it can be megabytes.</summary>
public sealed record DiarizationResult
{
    public required double Duration { get; init; }

    public required IReadOnlyList<SpeakerCluster> Speakers { get; init; }

    public required IReadOnlyList<DiarizedSegment> Segments { get; init; }
}
