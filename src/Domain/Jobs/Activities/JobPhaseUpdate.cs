namespace Pipeline.Domain.Jobs.Activities;

/// <summary>Input of <see cref="UpdateJobPhaseActivity"/>: the job enters a phase at a workflow time.</summary>
public sealed record JobPhaseUpdate
{
    public required string JobId { get; init; }

    public required JobPhase Phase { get; init; }

    /// <summary>Asset counts to show with the phase, when the phase knows them.</summary>
    public int? Total { get; init; }

    public int? Succeeded { get; init; }

    public int? Failed { get; init; }
}
