using Pipeline.Domain.Durable;

namespace Pipeline.Runtime.History;

/// <summary>The durable metadata of one instance (its history is stored separately).</summary>
public sealed record InstanceRecord
{
    public required string InstanceId { get; init; }

    public required string Name { get; init; }

    public OrchestrationRuntimeStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; set; }

    public string? Input { get; set; }

    public string? Output { get; set; }

    public string? CustomStatus { get; set; }

    public TaskFailureDetails? Failure { get; set; }

    public string? ParentInstanceId { get; init; }

    public int ParentTaskId { get; init; } = -1;

    /// <summary>The top of the instance tree (the job id for Pipeline's workflows); the instance itself at the top.</summary>
    public string? RootInstanceId { get; init; }

    public InstanceCounters Counters { get; init; } = new();

    public bool IsTerminal => Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
        or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled;

    public InstanceRecord Snapshot() => this with { Counters = Counters.Copy() };
}
