namespace Pipeline.Domain.Podcast;

/// <summary>The roles people play in an episode; a speaker id is its role, with a number for debaters and characters.</summary>
public static class PodcastRole
{
    public const string Host = "host";
    public const string Guest = "guest";
    public const string Moderator = "moderator";
    public const string Debater = "debater";
    public const string Narrator = "narrator";
    public const string Character = "character";
}
