using System.Text;
using System.Text.Json.Serialization;
using Pipeline.Domain.Durable;

namespace Pipeline.Runtime.History;

/// <summary>
/// One event of an instance's append-only history. Commands (TaskScheduled, TimerCreated, …) carry the sequence id the
/// workflow gave them in <see cref="EventId"/>; completions point back at it through <see cref="TaskScheduledId"/>.
/// </summary>
public sealed record HistoryEvent(HistoryEventType Type)
{
    /// <summary>The command's sequence id within the execution; -1 for events that are not commands.</summary>
    public int EventId { get; init; } = -1;

    /// <summary>For completions, timer firings and entity responses: the sequence id of the command they answer.</summary>
    public int TaskScheduledId { get; init; } = -1;

    public DateTime Timestamp { get; init; }

    /// <summary>Activity, orchestrator, event or entity operation name.</summary>
    public string? Name { get; init; }

    /// <summary>The serialised input, result or event payload.</summary>
    public string? Payload { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    public DateTime? FireAt { get; init; }

    /// <summary>The other instance: a sub-orchestration, an event's target, an entity id, or the caller of an entity.</summary>
    public string? InstanceId { get; init; }

    /// <summary>For ExecutionStarted of a sub-orchestration: the parent instance.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>For ExecutionCompleted: how the execution ended.</summary>
    public OrchestrationRuntimeStatus? Status { get; init; }

    /// <summary>Serialised payload bytes this event adds to the history (payload and failure text).</summary>
    [JsonIgnore]
    public long PayloadBytes
        => (Payload is null ? 0 : Encoding.UTF8.GetByteCount(Payload))
        + (Failure is null ? 0 : Encoding.UTF8.GetByteCount(Failure.ErrorMessage) + Encoding.UTF8.GetByteCount(Failure.ErrorType));

    /// <summary>True for the events that record a command the workflow issued.</summary>
    [JsonIgnore]
    public bool IsCommand => Type is HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated
        or HistoryEventType.SubOrchestrationInstanceCreated or HistoryEventType.EventSent
        or HistoryEventType.EntityOperationSignaled or HistoryEventType.EntityOperationCalled;

    /// <summary>A one-line description used in non-determinism errors and replay comparisons.</summary>
    public string Describe() => Type switch
    {
        HistoryEventType.SubOrchestrationInstanceCreated => $"{Type} '{Name}' (instance '{InstanceId}')",
        HistoryEventType.EventSent => $"{Type} '{Name}' to '{InstanceId}'",
        HistoryEventType.EntityOperationSignaled or HistoryEventType.EntityOperationCalled => $"{Type} '{Name}' on '{InstanceId}'",
        HistoryEventType.TimerCreated => $"{Type}",
        _ => $"{Type} '{Name}'",
    };
}
