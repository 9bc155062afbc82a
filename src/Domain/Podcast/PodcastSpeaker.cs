using Pipeline.Domain.Media;

namespace Pipeline.Domain.Podcast;

/// <summary>A speaker of a script: a stable id (<c>host</c>, <c>debater-1</c>, <c>character-2</c>), role, name and voice.</summary>
public sealed record PodcastSpeaker
{
    public required string Id { get; init; }

    public required string Role { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required VoiceProfile Voice { get; init; }
}
