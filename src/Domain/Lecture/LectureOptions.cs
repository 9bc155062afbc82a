namespace Pipeline.Domain.Lecture;

/// <summary>Per-job options: the concurrency window and which stages run (all when omitted).</summary>
public sealed record LectureOptions
{
    public int? MaxConcurrency { get; init; }

    public IReadOnlyList<string>? Stages { get; init; }

    /// <summary>Image prompts derived per segment when a segment has none.</summary>
    public int ImagesPerSegment { get; init; } = 2;
}
