namespace Pipeline.Domain.Status;

/// <summary>Input of <see cref="JobStatusEntity.ResetForRetry"/>.</summary>
public sealed record ResetJobForRetry
{
    public required DateTimeOffset At { get; init; }
}
