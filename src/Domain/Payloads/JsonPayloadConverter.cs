using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace Pipeline.Domain.Payloads;

/// <summary>
/// The plain JSON every durable payload goes through unless offloaded: the SDK's <see cref="JsonDataConverter"/> with
/// web defaults (camelCase) and nulls left out, because every byte here lands in orchestration history.
/// </summary>
public sealed class JsonPayloadConverter : DataConverter
{
    private readonly JsonDataConverter json = new(Options);

    // Declared before Instance: static initializers run in textual order, and Instance's converter reads Options.
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static JsonPayloadConverter Instance { get; } = new();

    public override string? Serialize(object? value) => json.Serialize(value);

    public override object? Deserialize(string? data, Type targetType) => json.Deserialize(data, targetType);
}
