namespace Pipeline.Domain.Jobs;

/// <summary>One page of job records, newest first; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record JobPage
{
    public required IReadOnlyList<JobRecord> Items { get; init; }

    public string? ContinuationToken { get; init; }
}
