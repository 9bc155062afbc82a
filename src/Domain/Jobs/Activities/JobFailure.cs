namespace Pipeline.Domain.Jobs.Activities;

/// <summary>Input of <see cref="FailJobRecordActivity"/>: why the job's workflow failed, at a workflow time.</summary>
public sealed record JobFailure
{
    public required string JobId { get; init; }

    public required JobError Error { get; init; }

    public required DateTimeOffset At { get; init; }
}
