namespace Pipeline.Domain.Lecture;

/// <summary>The asset ids of a lecture: stable, readable, and one per stage and segment.</summary>
public static class LectureAssets
{
    public const string MusicId = "music";

    public static string Prompts(int segment) => $"seg-{segment:D3}-prompts";

    public static string Image(int segment, int ordinal) => $"seg-{segment:D3}-img-{ordinal}";

    public static string Narration(int segment) => $"seg-{segment:D3}-narration";

    public static string StartingImage(int segment) => $"seg-{segment:D3}-start";

    public static string Video(int segment) => $"seg-{segment:D3}-video";
}
