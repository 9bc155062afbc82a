namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>
/// A segment of the enriched transcript: its time, the diarized speaker (label, name, confidence) and, when a transcript
/// was aligned, the transcript line's index, text and original speaker.
/// </summary>
public sealed record EnrichedSegment
{
    public required double Start { get; init; }

    public required double End { get; init; }

    public required string Label { get; init; }

    public string? Speaker { get; init; }

    public double Confidence { get; init; }

    public int? TranscriptIndex { get; init; }

    public string? Text { get; init; }

    public string? TranscriptSpeaker { get; init; }
}
