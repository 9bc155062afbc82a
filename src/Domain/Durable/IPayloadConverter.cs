namespace Pipeline.Domain.Durable;

/// <summary>
/// Turns every durable payload (workflow and activity inputs and outputs, custom status, events, entity state) into
/// text and back. Mirrors <c>Microsoft.DurableTask.DataConverter</c>, the serialization hook Durable Functions supports,
/// so the same converter (with claim-check offload) serves both hosts.
/// </summary>
public interface IPayloadConverter
{
    string? Serialize(object? value);

    object? Deserialize(string? data, Type targetType);
}
