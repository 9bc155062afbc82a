using System.Text.Json;
using Pipeline.Domain.Durable;

namespace Pipeline.Domain.Tests.Status;

/// <summary>
/// One entity operation whose input and state go through JSON exactly as a durable host would persist them, so a
/// test sees only what survives serialisation.
/// </summary>
internal sealed class JsonEntityOperation(string name, EntityInstanceId id, string? inputJson, string? stateJson) : EntityOperation
{
    public override string Name => name;

    public override EntityInstanceId Id => id;

    public override bool HasInput => inputJson is not null;

    /// <summary>Whether the operation committed a state (it does not when it throws).</summary>
    public bool StateWasSet { get; private set; }

    /// <summary>The state the operation committed, as JSON; null when it deleted the entity.</summary>
    public string? NewStateJson { get; private set; }

    public override object? GetInput(Type inputType)
        => inputJson is null ? null : JsonSerializer.Deserialize(inputJson, inputType, JsonPayloadConverter.Options);

    public override object? GetState(Type stateType)
        => stateJson is null ? null : JsonSerializer.Deserialize(stateJson, stateType, JsonPayloadConverter.Options);

    public override void SetState(object? state)
    {
        StateWasSet = true;
        NewStateJson = state is null ? null : JsonSerializer.Serialize(state, state.GetType(), JsonPayloadConverter.Options);
    }
}
