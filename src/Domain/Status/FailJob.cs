using Pipeline.Domain.Jobs;
namespace Pipeline.Domain.Status;

/// <summary>Input of <see cref="JobStatusEntity.Fail"/>.</summary>
public sealed record FailJob
{
    public required DateTimeOffset At { get; init; }

    public required JobError Error { get; init; }
}
