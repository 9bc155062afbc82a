using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Durable;
using DomainEntityInstanceId = Pipeline.Domain.Durable.EntityInstanceId;

namespace Pipeline.Functions.Adapters;

/// <summary>Domain's <see cref="EntityOperation"/> over the SDK's <see cref="TaskEntityOperation"/> and its <see cref="TaskEntityState"/>.</summary>
public sealed class EntityOperationAdapter(TaskEntityOperation operation) : EntityOperation
{
    public override string Name => operation.Name;

    public override DomainEntityInstanceId Id => operation.Context.Id.ToDomain();

    public override bool HasInput => operation.HasInput;

    public override object? GetInput(Type inputType) => operation.GetInput(inputType);

    public override object? GetState(Type stateType) => operation.State.GetState(stateType);

    public override void SetState(object? state) => operation.State.SetState(state);
}
