using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Durable;

namespace Pipeline.Functions.Adapters;

/// <summary>
/// Runs a Domain entity (<see cref="IEntity"/>, e.g. the job-status state machine) as the SDK's <see cref="ITaskEntity"/>,
/// so <c>TaskEntityDispatcher.DispatchAsync(ITaskEntity)</c> can dispatch an <c>[EntityTrigger]</c> batch to it.
/// </summary>
public sealed class EntityAdapter(IEntity entity) : ITaskEntity
{
    public ValueTask<object?> RunAsync(TaskEntityOperation operation) => entity.RunAsync(new EntityOperationAdapter(operation));
}
