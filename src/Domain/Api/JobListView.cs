namespace Pipeline.Domain.Api;

/// <summary>The body of <c>GET /api/jobs</c>: a page, newest first, and the token of the next one (null on the last).</summary>
public sealed record JobListView
{
    public required IReadOnlyList<JobSummaryView> Items { get; init; }

    public string? ContinuationToken { get; init; }

    /// <summary>The URL of the next page, when there is one.</summary>
    public string? NextLink { get; init; }
}
