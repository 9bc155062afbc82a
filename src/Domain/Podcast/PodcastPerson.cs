namespace Pipeline.Domain.Podcast;

/// <summary>Someone who speaks in an episode: a name, an optional one-line description and a voice.</summary>
public sealed record PodcastPerson
{
    public string? Name { get; init; }

    /// <summary>Who they are ("a marine biologist", "the ship's cook"); shapes their lines.</summary>
    public string? Description { get; init; }

    public PodcastVoice? Voice { get; init; }
}
