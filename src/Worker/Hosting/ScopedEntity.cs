using DurableTask.Core.Entities;
using DurableTask.Core.Entities.OperationFormat;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Worker.Hosting;

/// <summary>
/// The task object DurableTask.Core runs for every entity of one name. It is asked for by name only; the entity id is
/// in each batch's instance id. Per batch: a DI scope, a new SDK entity in it, and a new shim for that id (as the SDK's
/// own runners do).
/// </summary>
internal sealed class ScopedEntity(TaskName name, Type entityType, IServiceScopeFactory scopes, DurableTaskShimFactory shims) : TaskEntity
{
    public override async Task<EntityBatchResult> ExecuteOperationBatchAsync(EntityBatchRequest operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var id = EntityId.FromString(operations.InstanceId ?? throw new ArgumentException("The entity batch has no instance id.", nameof(operations)));
        using var payloads = JobPayloadScope.For(id.Key, name.Name);
        await using var scope = scopes.CreateAsyncScope();
        var entity = (ITaskEntity)ActivatorUtilities.CreateInstance(scope.ServiceProvider, entityType);
        return await shims.CreateEntity(name, entity, id).ExecuteOperationBatchAsync(operations);
    }
}
