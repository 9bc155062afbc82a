namespace Pipeline.Runtime.History;

/// <summary>The kinds of history events, named as the Durable Task Framework names them.</summary>
public enum HistoryEventType
{
    ExecutionStarted,
    OrchestratorStarted,
    OrchestratorCompleted,
    TaskScheduled,
    TaskCompleted,
    TaskFailed,
    TimerCreated,
    TimerFired,
    SubOrchestrationInstanceCreated,
    SubOrchestrationInstanceCompleted,
    SubOrchestrationInstanceFailed,
    EventRaised,
    EventSent,
    EntityOperationSignaled,
    EntityOperationCalled,
    EntityOperationCompleted,
    EntityOperationFailed,
    ExecutionTerminated,
    ExecutionCompleted,
}
