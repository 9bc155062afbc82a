namespace Pipeline.Domain.Jobs;

/// <summary>
/// What a job was asked to do, in a few hundred bytes: a title, counts of what the request holds (segments,
/// speakers…) and the SHA-256 of the request body, so an idempotent start can tell the same body from a different one.
/// </summary>
public sealed record JobRequestSummary
{
    public string? Title { get; init; }

    public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();

    /// <summary>Lower-case hex SHA-256 of the canonical request body.</summary>
    public required string Sha256 { get; init; }
}
