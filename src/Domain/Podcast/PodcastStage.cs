namespace Pipeline.Domain.Podcast;

/// <summary>The stages of a podcast-episode job, in order; the names are blob key segments and status stage names.</summary>
public static class PodcastStage
{
    public const string Outline = "outline";
    public const string Script = "script";
    public const string Audio = "audio";
    public const string Assembly = "assembly";
    public const string Publish = "publish";
}
