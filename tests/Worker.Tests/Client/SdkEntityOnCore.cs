using DurableTask.Core.Entities;
using DurableTask.Core.Entities.OperationFormat;
using Microsoft.DurableTask.Entities;
using Microsoft.DurableTask.Worker.Shims;

namespace Pipeline.Worker.Tests.Client;

/// <summary>
/// A DurableTask.Core entity that runs an SDK entity: DurableTask.Core asks for it by name only, so each batch builds
/// the SDK shim for the entity id in the batch's instance id, as the SDK's own runners do.
/// </summary>
public sealed class SdkEntityOnCore(DurableTaskShimFactory shims, Func<ITaskEntity> create) : TaskEntity
{
    public override Task<EntityBatchResult> ExecuteOperationBatchAsync(EntityBatchRequest operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var id = EntityId.FromString(operations.InstanceId ?? throw new ArgumentException("The batch names no entity.", nameof(operations)));
        return shims.CreateEntity(id.Name, create(), id).ExecuteOperationBatchAsync(operations);
    }
}
