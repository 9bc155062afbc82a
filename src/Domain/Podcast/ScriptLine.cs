namespace Pipeline.Domain.Podcast;

/// <summary>One line of a script: its position, the speaker's id (see <see cref="PodcastSpeaker.Id"/>) and what they say.</summary>
public sealed record ScriptLine
{
    public required int Index { get; init; }

    public required string SpeakerId { get; init; }

    public required string Text { get; init; }
}
