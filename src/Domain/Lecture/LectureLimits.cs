namespace Pipeline.Domain.Lecture;

/// <summary>The limits of a lecture-media request; part of the HTTP contract (API.md).</summary>
public static class LectureLimits
{
    public const int MaxLectureIdLength = 100;
    public const int MaxTitleLength = 300;
    public const int MaxSegments = 1000;
    public const int MaxSegmentTextLength = 10_000;
    public const int MaxImagePromptsPerSegment = 4;
    public const int MaxPromptLength = 2_000;
    public const int MaxMusicSeconds = 600;
    public const int MaxConcurrency = 64;
}
