namespace Pipeline.Domain.Lecture;

/// <summary>The stages of a lecture-media job, in the order they run; the names are the blob key segments and stage names.</summary>
public static class LectureStage
{
    public const string Prompts = "prompts";
    public const string Images = "images";
    public const string Narration = "narration";
    public const string Music = "music";
    public const string StartingImages = "starting-images";
    public const string Videos = "videos";

    /// <summary>The stages a user can choose to run (starting images belong to videos).</summary>
    public static IReadOnlyList<string> Selectable { get; } = [Images, Narration, Music, Videos];
}
