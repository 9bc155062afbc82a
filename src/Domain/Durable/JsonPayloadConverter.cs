using System.Text.Json;

namespace Pipeline.Domain.Durable;

/// <summary>The plain JSON converter (camelCase, web defaults) every payload goes through unless offloaded.</summary>
public sealed class JsonPayloadConverter : IPayloadConverter
{
    public static JsonPayloadConverter Instance { get; } = new();

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // Nulls are left out: every byte here lands in orchestration history.
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    public object? Deserialize(string? data, Type targetType)
        => data is null ? null : JsonSerializer.Deserialize(data, targetType, Options);
}
