namespace Pipeline.Domain.Status;

/// <summary>Input of <see cref="JobStatusEntity.Start"/>. Times come from the workflow's context, never a clock.</summary>
public sealed record StartJob
{
    public required string JobType { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>When the job was accepted; defaults to <see cref="At"/> the first time the job starts.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
