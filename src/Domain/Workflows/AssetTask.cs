using System.Text.Json;

namespace Pipeline.Domain.Workflows;

/// <summary>One asset to produce: its id and the activity input that produces it.</summary>
public sealed record AssetTask(string AssetId, JsonElement Input)
{
    public static AssetTask For<TItem>(string assetId, TItem item)
        => new(assetId, JsonSerializer.SerializeToElement(item, Durable.JsonPayloadConverter.Options));
}
