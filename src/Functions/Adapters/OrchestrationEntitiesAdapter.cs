using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Durable;
using DomainEntityInstanceId = Pipeline.Domain.Durable.EntityInstanceId;

namespace Pipeline.Functions.Adapters;

/// <summary>Domain's <see cref="IOrchestrationEntities"/> over the SDK's <see cref="TaskOrchestrationEntityFeature"/>.</summary>
public sealed class OrchestrationEntitiesAdapter(TaskOrchestrationEntityFeature entities) : IOrchestrationEntities
{
    public Task SignalEntityAsync(DomainEntityInstanceId id, string operationName, object? input = null)
        => entities.SignalEntityAsync(id.ToDurableTask(), operationName, input);

    public Task<TResult> CallEntityAsync<TResult>(DomainEntityInstanceId id, string operationName, object? input = null)
        => entities.CallEntityAsync<TResult>(id.ToDurableTask(), operationName, input);
}
