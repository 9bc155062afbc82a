namespace Pipeline.Domain.Durable;

/// <summary>Mirrors <c>Microsoft.DurableTask.Client.Entities.DurableEntityClient</c>.</summary>
public interface IDurableEntityClient
{
    Task SignalEntityAsync(EntityInstanceId id, string operationName, object? input = null, CancellationToken cancellation = default);

    Task<EntityMetadata<TState>?> GetEntityAsync<TState>(EntityInstanceId id, CancellationToken cancellation = default);
}
