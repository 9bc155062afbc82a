using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Standalone.Tests.Fakes;

/// <summary>Request bodies for tests.</summary>
public static class Lectures
{
    /// <summary>A small valid lecture; <paramref name="stages"/> limits what runs (e.g. only music, for cheap jobs).</summary>
    public static JsonObject Body(string? jobId = null, int segments = 2, string[]? stages = null, string title = "How tides work")
    {
        var body = new JsonObject
        {
            ["lectureId"] = "tides-101",
            ["title"] = title,
            ["segments"] = new JsonArray([.. Enumerable.Range(0, segments).Select(i => (JsonNode)new JsonObject
            {
                ["index"] = i,
                ["text"] = $"Segment {i}: the moon pulls the oceans into a bulge.",
                ["imagePrompts"] = new JsonArray($"tide diagram {i}"),
            })]),
            ["music"] = new JsonObject { ["prompt"] = "calm ocean ambience", ["durationSeconds"] = 1 },
        };
        if (jobId is not null)
        {
            body["jobId"] = jobId;
        }

        if (stages is not null)
        {
            body["options"] = new JsonObject { ["stages"] = new JsonArray([.. stages.Select(s => (JsonNode)s)]) };
        }

        return body;
    }

    public static StringContent Json(JsonNode body) => Json(body.ToJsonString());

    public static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
