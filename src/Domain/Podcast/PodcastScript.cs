namespace Pipeline.Domain.Podcast;

/// <summary>A speaker-attributed script: the speakers with their voices and the lines in order. Stored as a blob.</summary>
public sealed record PodcastScript
{
    public required string Format { get; init; }

    public required string Title { get; init; }

    public required string Description { get; init; }

    public required IReadOnlyList<PodcastSpeaker> Speakers { get; init; }

    public required IReadOnlyList<ScriptLine> Lines { get; init; }

    public PodcastSpeaker SpeakerOf(ScriptLine line)
        => Speakers.FirstOrDefault(s => string.Equals(s.Id, line.SpeakerId, StringComparison.Ordinal))
           ?? throw new InvalidOperationException($"Line {line.Index} is spoken by '{line.SpeakerId}', who is not a speaker of the script.");

    /// <summary>Why the script cannot be voiced, or null: lines numbered 0..n-1 in order, each by a known speaker, none empty.</summary>
    public string? Problem()
    {
        if (Lines.Count == 0)
        {
            return "The script has no lines.";
        }

        for (var i = 0; i < Lines.Count; i++)
        {
            var line = Lines[i];
            if (line.Index != i)
            {
                return $"Line {i} has index {line.Index}; lines must be numbered 0 to {Lines.Count - 1} in order.";
            }

            if (string.IsNullOrWhiteSpace(line.Text))
            {
                return $"Line {i} is empty.";
            }

            if (!Speakers.Any(s => string.Equals(s.Id, line.SpeakerId, StringComparison.Ordinal)))
            {
                return $"Line {i} is spoken by '{line.SpeakerId}', who is not a speaker of the script.";
            }
        }

        return null;
    }
}
