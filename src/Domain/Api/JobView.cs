using Pipeline.Domain.Jobs;
using Pipeline.Domain.Status;

namespace Pipeline.Domain.Api;

/// <summary>The body of <c>GET /api/jobs/{id}</c>: the record, the status entity and the step log merged.</summary>
public sealed record JobView
{
    public required string Id { get; init; }

    public required string Type { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public required JobProgressView Progress { get; init; }

    public IReadOnlyList<StageView> Stages { get; init; } = [];

    public IReadOnlyList<AssetView> Assets { get; init; } = [];

    public JobError? Error { get; init; }

    /// <summary>The execution-step log, oldest first; only with <c>?steps=true</c>.</summary>
    public IReadOnlyList<StepRecord>? Steps { get; init; }
}
