namespace Pipeline.Domain.Lecture;

/// <summary>The lecture's background music: one asset.</summary>
public sealed record LectureMusic
{
    public string? Prompt { get; init; }

    public int DurationSeconds { get; init; } = 30;
}
