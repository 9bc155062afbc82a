using Pipeline.Domain.Jobs;

namespace Pipeline.Domain.Api;

/// <summary>One job in a list: what its record says, without assets.</summary>
public sealed record JobSummaryView
{
    public required string Id { get; init; }

    public required string Type { get; init; }

    public required string Status { get; init; }

    public string? Title { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public required JobProgressView Progress { get; init; }

    public JobError? Error { get; init; }

    public required string StatusQueryGetUri { get; init; }
}
