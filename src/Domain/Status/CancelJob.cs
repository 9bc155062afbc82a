namespace Pipeline.Domain.Status;

/// <summary>Input of <see cref="JobStatusEntity.Cancel"/>.</summary>
public sealed record CancelJob
{
    public required DateTimeOffset At { get; init; }

    public string? Reason { get; init; }
}
