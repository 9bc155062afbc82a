namespace Pipeline.Domain.Lecture;

/// <summary>One segment of a lecture: its narration text, optional image prompts (derived when absent), optional video prompt.</summary>
public sealed record LectureSegment
{
    public int Index { get; init; }

    public string? Text { get; init; }

    public IReadOnlyList<string>? ImagePrompts { get; init; }

    public string? VideoPrompt { get; init; }

    /// <summary>Words of <see cref="Text"/>: what the narration's and the video's length follow.</summary>
    public int WordCount() => Text?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length ?? 0;
}
