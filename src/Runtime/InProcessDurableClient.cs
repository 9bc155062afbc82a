using Pipeline.Domain.Durable;

namespace Pipeline.Runtime;

/// <summary>The client port over the in-process runtime.</summary>
internal sealed class InProcessDurableClient(DurableRuntime runtime) : IDurableClient, IDurableEntityClient
{
    public IDurableEntityClient Entities => this;

    public Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
        => runtime.ScheduleAsync(orchestratorName, input, options, cancellation);

    public Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
        => runtime.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation);

    public Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
        => runtime.WaitForCompletionAsync(instanceId, getInputsAndOutputs, cancellation);

    public Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
        => runtime.RaiseEventAsync(instanceId, eventName, eventPayload, cancellation);

    public Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellation = default)
        => runtime.TerminateAsync(instanceId, output, cancellation);

    public Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
        => runtime.PurgeAsync(instanceId, options?.Recursive ?? false, cancellation);

    public async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation = default)
    {
        foreach (var instance in await runtime.QueryAsync(filter ?? new OrchestrationQuery(), cancellation).ConfigureAwait(false))
        {
            yield return instance;
        }
    }

    public Task SignalEntityAsync(EntityInstanceId id, string operationName, object? input = null, CancellationToken cancellation = default)
        => runtime.SignalEntityAsync(id, operationName, input, cancellation);

    public Task<EntityMetadata<TState>?> GetEntityAsync<TState>(EntityInstanceId id, CancellationToken cancellation = default)
        => runtime.GetEntityAsync<TState>(id, cancellation);
}
