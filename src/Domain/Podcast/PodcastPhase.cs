using Pipeline.Domain.Jobs;

namespace Pipeline.Domain.Podcast;

/// <summary>The progress phases of a podcast episode as the job record shows them, in the order they happen.</summary>
public static class PodcastPhase
{
    public static JobPhase Outline { get; } = new("outline", 10);

    public static JobPhase Script { get; } = new("script", 40);

    public static JobPhase Audio { get; } = new("audio", 70);

    public static JobPhase Upload { get; } = new("upload", 90);

    public static JobPhase Completed { get; } = new("completed", 100);

    public static IReadOnlyList<JobPhase> All { get; } = [Outline, Script, Audio, Upload, Completed];
}
