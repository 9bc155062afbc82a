namespace Pipeline.Domain.Durable;

/// <summary>
/// Starts, queries and manages instances. Members mirror <c>Microsoft.DurableTask.Client.DurableTaskClient</c>.
/// </summary>
public interface IDurableClient
{
    IDurableEntityClient Entities { get; }

    /// <summary>Schedules a new instance; returns its id.</summary>
    Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default);

    Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default);

    Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellation = default);

    /// <summary>Removes a finished instance's history (and, recursively, its sub-orchestrations'); running instances are not purged.</summary>
    Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default);

    /// <summary>Instances matching the query, sub-orchestrations included.</summary>
    IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null, CancellationToken cancellation = default);
}
