using System.Runtime.CompilerServices;
using Microsoft.DurableTask.Client;
using Pipeline.Domain.Durable;
using DomainOrchestrationMetadata = Pipeline.Domain.Durable.OrchestrationMetadata;
using DomainOrchestrationQuery = Pipeline.Domain.Durable.OrchestrationQuery;
using DomainPurgeInstanceOptions = Pipeline.Domain.Durable.PurgeInstanceOptions;
using DomainPurgeResult = Pipeline.Domain.Durable.PurgeResult;
using DomainStartOrchestrationOptions = Pipeline.Domain.Durable.StartOrchestrationOptions;

namespace Pipeline.Functions.Adapters;

/// <summary>
/// Domain's <see cref="IDurableClient"/> over the SDK's <see cref="DurableTaskClient"/> (the <c>[DurableClient]</c>
/// binding). Serialized values it returns are read back with <paramref name="converter"/>, the converter the client writes with.
/// </summary>
public sealed class DurableClientAdapter(DurableTaskClient client, IPayloadConverter converter) : IDurableClient
{
    public IDurableEntityClient Entities => new DurableEntityClientAdapter(client.Entities);

    public Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null, DomainStartOrchestrationOptions? options = null, CancellationToken cancellation = default)
        => client.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options.ToDurableTask(), cancellation);

    public async Task<DomainOrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
        => (await client.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation))?.ToDomain(converter);

    public async Task<DomainOrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
        => (await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellation)).ToDomain(converter);

    public Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
        => client.RaiseEventAsync(instanceId, eventName, eventPayload, cancellation);

    public Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellation = default)
        => client.TerminateInstanceAsync(instanceId, output, cancellation);

    public async Task<DomainPurgeResult> PurgeInstanceAsync(string instanceId, DomainPurgeInstanceOptions? options = null, CancellationToken cancellation = default)
        => (await client.PurgeInstanceAsync(instanceId, options.ToDurableTask(), cancellation)).ToDomain();

    public async IAsyncEnumerable<DomainOrchestrationMetadata> GetAllInstancesAsync(DomainOrchestrationQuery? filter = null, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        await foreach (var metadata in client.GetAllInstancesAsync(filter.ToDurableTask()).WithCancellation(cancellation))
        {
            yield return metadata.ToDomain(converter);
        }
    }
}
