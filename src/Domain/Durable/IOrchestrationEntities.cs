namespace Pipeline.Domain.Durable;

/// <summary>Mirrors <c>TaskOrchestrationEntityFeature</c>: entity operations issued by a workflow.</summary>
public interface IOrchestrationEntities
{
    /// <summary>Sends a one-way operation to an entity.</summary>
    Task SignalEntityAsync(EntityInstanceId id, string operationName, object? input = null);

    /// <summary>Runs an operation on an entity and awaits its result.</summary>
    Task<TResult> CallEntityAsync<TResult>(EntityInstanceId id, string operationName, object? input = null);
}
