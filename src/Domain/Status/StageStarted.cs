namespace Pipeline.Domain.Status;

/// <summary>Input of <see cref="JobStatusEntity.StageStarted"/>: a stage begins with this many assets.</summary>
public sealed record StageStarted
{
    public required string Stage { get; init; }

    public required int Total { get; init; }

    public required DateTimeOffset At { get; init; }
}
