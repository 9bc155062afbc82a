namespace Pipeline.Domain.Podcast;

/// <summary>One part of an outline: a heading and the points it covers, in order.</summary>
public sealed record OutlineSection
{
    public required string Heading { get; init; }

    public required IReadOnlyList<string> Points { get; init; }
}
