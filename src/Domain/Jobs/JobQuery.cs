using System.ComponentModel.DataAnnotations;

namespace Pipeline.Domain.Jobs;

/// <summary>A page request for <see cref="IJobRepository.ListAsync"/>: optional filters, a page size and where to go on from.</summary>
public sealed record JobQuery
{
    public const int MaxLimit = 1000;

    public JobStatus? Status { get; init; }

    /// <summary>One of <see cref="JobType"/>, or null for every type.</summary>
    public string? Type { get; init; }

    [Range(1, MaxLimit)]
    public int Limit { get; init; } = 50;

    /// <summary>The token of the previous page, or null for the first page.</summary>
    public string? ContinuationToken { get; init; }
}
