namespace Pipeline.Domain.Status;

/// <summary>Input of <see cref="JobStatusEntity.StageCompleted"/>.</summary>
public sealed record StageCompleted
{
    public required string Stage { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>What went wrong, in a sentence; when null and assets failed, a count is recorded.</summary>
    public string? ErrorSummary { get; init; }
}
