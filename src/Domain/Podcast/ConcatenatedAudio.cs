namespace Pipeline.Domain.Podcast;

/// <summary>The result of a concatenation: the exact duration of each part (from its sample count) and of the whole.</summary>
public sealed record ConcatenatedAudio
{
    public required IReadOnlyList<TimeSpan> PartDurations { get; init; }

    public required TimeSpan Duration { get; init; }

    public required string ContentType { get; init; }

    public required string Extension { get; init; }
}
