namespace Pipeline.Domain.Durable;

/// <summary>
/// A durable entity: one state per key, operations by name applied one at a time.
/// Mirrors <c>Microsoft.DurableTask.Entities.ITaskEntity</c>.
/// </summary>
public interface IEntity
{
    ValueTask<object?> RunAsync(EntityOperation operation);
}
