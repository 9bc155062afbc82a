using Microsoft.DurableTask.Client.Entities;
using Pipeline.Domain.Durable;
using DomainEntityInstanceId = Pipeline.Domain.Durable.EntityInstanceId;

namespace Pipeline.Functions.Adapters;

/// <summary>Domain's <see cref="IDurableEntityClient"/> over the SDK's <see cref="DurableEntityClient"/>.</summary>
public sealed class DurableEntityClientAdapter(DurableEntityClient entities) : IDurableEntityClient
{
    public Task SignalEntityAsync(DomainEntityInstanceId id, string operationName, object? input = null, CancellationToken cancellation = default)
        => entities.SignalEntityAsync(id.ToDurableTask(), operationName, input, options: null, cancellation);

    public async Task<Domain.Durable.EntityMetadata<TState>?> GetEntityAsync<TState>(DomainEntityInstanceId id, CancellationToken cancellation = default)
        => await entities.GetEntityAsync<TState>(id.ToDurableTask(), includeState: true, cancellation) is { } found
            ? new Domain.Durable.EntityMetadata<TState>(id, found.State, found.LastModifiedTime)
            : null;
}
