using Pipeline.Domain.Durable;

namespace Pipeline.Runtime.Execution;

/// <summary>An entity operation over serialised state: the entity reads and writes it through the payload converter.</summary>
internal sealed class RuntimeEntityOperation(EntityInstanceId id, string name, string? input, string? state, IPayloadConverter converter) : EntityOperation
{
    public override string Name => name;

    public override EntityInstanceId Id => id;

    public override bool HasInput => input is not null;

    /// <summary>The serialised state after the operation; null when the entity has none.</summary>
    public string? State { get; private set; } = state;

    public override object? GetInput(Type inputType) => converter.Deserialize(input, inputType);

    public override object? GetState(Type stateType) => converter.Deserialize(State, stateType);

    public override void SetState(object? state) => State = converter.Serialize(state);
}
