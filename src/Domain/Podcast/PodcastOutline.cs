namespace Pipeline.Domain.Podcast;

/// <summary>The plan of an episode: its title, description, speakers and sections. Stored as a blob; never in history.</summary>
public sealed record PodcastOutline
{
    public required string Format { get; init; }

    public required string Title { get; init; }

    public required string Description { get; init; }

    public required IReadOnlyList<PodcastSpeaker> Speakers { get; init; }

    public required IReadOnlyList<OutlineSection> Sections { get; init; }
}
