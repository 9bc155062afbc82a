namespace Pipeline.Domain.Status;

/// <summary>Input of <see cref="JobStatusEntity.Complete"/>; the outcome (with or without errors) follows from the counts.</summary>
public sealed record CompleteJob
{
    public required DateTimeOffset At { get; init; }
}
