namespace Pipeline.Domain.Status;

/// <summary>
/// Input of <see cref="JobStatusEntity.RecordSteps"/>: steps from one sender (e.g. the instance id of the
/// orchestration that ran them), whose sequence numbers increase strictly per sender. Signals from one sender to
/// one entity arrive in order, so a step at or below the sender's highest applied sequence is a redelivery.
/// </summary>
public sealed record RecordStepsBatch
{
    public required string Source { get; init; }

    public required IReadOnlyList<StepRecord> Steps { get; init; }
}
