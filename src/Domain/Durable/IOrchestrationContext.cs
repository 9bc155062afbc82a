using Microsoft.Extensions.Logging;

namespace Pipeline.Domain.Durable;

/// <summary>
/// What a workflow may do. Members mirror <c>Microsoft.DurableTask.TaskOrchestrationContext</c> one to one,
/// so the Azure Functions host adapts the real context in one-line members and the in-process runtime
/// implements the same semantics (replay, sequence ids, durable timers).
/// </summary>
public interface IOrchestrationContext
{
    /// <summary>The name of the running workflow.</summary>
    string Name { get; }

    /// <summary>The instance id (for a job's root workflow, the job id).</summary>
    string InstanceId { get; }

    /// <summary>The timestamp of the current episode; the same value on every replay.</summary>
    DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the workflow is re-executing past history.</summary>
    bool IsReplaying { get; }

    /// <summary>Entity signals and calls.</summary>
    IOrchestrationEntities Entities { get; }

    /// <summary>Schedules an activity and awaits its result.</summary>
    Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules an activity that returns nothing.</summary>
    Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Starts a sub-orchestration (instance id from <see cref="SubOrchestrationOptions"/>) and awaits its output.</summary>
    Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, TaskOptions? options = null);

    /// <summary>A durable timer that fires at <paramref name="fireAt"/> (UTC).</summary>
    Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer that fires after <paramref name="delay"/>.</summary>
    Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Waits for an event raised to this instance; events raised earlier are buffered.</summary>
    Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an event, racing a durable timer; throws <see cref="TaskCanceledException"/> on timeout.</summary>
    Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout);

    /// <summary>Raises an event on another instance (fire and forget).</summary>
    void SendEvent(string instanceId, string eventName, object? payload);

    /// <summary>Sets the small, queryable custom status of this instance.</summary>
    void SetCustomStatus(object? customStatus);

    /// <summary>Ends this execution and starts a fresh one with the same id and a new input.</summary>
    void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A GUID that is the same on every replay.</summary>
    Guid NewGuid();

    /// <summary>A logger that writes nothing while the workflow replays.</summary>
    ILogger CreateReplaySafeLogger(string categoryName);
}
