namespace Pipeline.Domain.Podcast;

/// <summary>The formats of a <c>podcast-episode</c> job and the people each one needs.</summary>
public static class PodcastFormat
{
    /// <summary>A host asks a guest questions.</summary>
    public const string Interview = "interview";

    /// <summary>A moderator and two debaters: openings, rebuttals, closings.</summary>
    public const string Debate = "debate";

    /// <summary>A narrator tells a story and characters speak their lines.</summary>
    public const string Adventure = "adventure";

    public static IReadOnlyList<string> All { get; } = [Interview, Debate, Adventure];

    public static bool IsKnown(string? value) => value is Interview or Debate or Adventure;
}
