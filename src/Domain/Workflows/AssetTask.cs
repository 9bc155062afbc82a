using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Domain.Workflows;

/// <summary>
/// One asset to produce: its id, the activity input that produces it and, when the plan can tell, its expected
/// <see cref="Cost"/> relative to the stage's other assets (e.g. seconds of speech or video to generate). A fan-out
/// starts the most expensive assets first so that no long one starts last and holds up the stage's end.
/// </summary>
public sealed record AssetTask(string AssetId, JsonElement Input)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Cost { get; init; }

    public static AssetTask For<TItem>(string assetId, TItem item, double? cost = null)
        => new(assetId, JsonSerializer.SerializeToElement(item, Payloads.JsonPayloadConverter.Options)) { Cost = cost };
}
