using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Tests.Status;

/// <summary>
/// One entity operation whose input and state go through JSON exactly as a durable host would persist them, so a
/// test sees only what survives serialisation.
/// </summary>
internal sealed class JsonEntityOperation(string name, EntityInstanceId id, string? inputJson, string? stateJson) : TaskEntityOperation
{
    private readonly JsonEntityState state = new(stateJson);

    public override string Name => name;

    public override TaskEntityContext Context { get; } = new FixedEntityContext(id);

    public override TaskEntityState State => state;

    public override bool HasInput => inputJson is not null;

    /// <summary>Whether the operation committed a state (it does not when it throws).</summary>
    public bool StateWasSet => state.WasSet;

    /// <summary>The state the operation committed, as JSON; null when it deleted the entity.</summary>
    public string? NewStateJson => state.Json;

    public override object? GetInput(Type inputType)
        => inputJson is null ? null : JsonSerializer.Deserialize(inputJson, inputType, JsonPayloadConverter.Options);

    private sealed class JsonEntityState(string? json) : TaskEntityState
    {
        public string? Json { get; private set; } = json;

        public bool WasSet { get; private set; }

        public override bool HasState => Json is not null;

        public override object? GetState(Type type)
            => Json is null ? null : JsonSerializer.Deserialize(Json, type, JsonPayloadConverter.Options);

        public override void SetState(object? value)
        {
            WasSet = true;
            Json = value is null ? null : JsonSerializer.Serialize(value, value.GetType(), JsonPayloadConverter.Options);
        }
    }

    /// <summary>The job-status entity sends no signals and starts no orchestrations; either would be a test failure.</summary>
    private sealed class FixedEntityContext(EntityInstanceId id) : TaskEntityContext
    {
        public override EntityInstanceId Id => id;

        public override void SignalEntity(EntityInstanceId id, string operationName, object? input = null, SignalEntityOptions? options = null)
            => throw new InvalidOperationException($"Unexpected signal '{operationName}' to {id}.");

        public override string ScheduleNewOrchestration(TaskName name, object? input = null, StartOrchestrationOptions? options = null)
            => throw new InvalidOperationException($"Unexpected orchestration '{name}'.");
    }
}
