using DurableTask.Core.History;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pipeline.Worker;

/// <summary>
/// Reads the history JSON the Azure Storage backend returns from <c>GetOrchestrationHistoryAsync</c>: a plain array of
/// events without type names, so each event's concrete type is found from its <c>EventType</c>.
/// </summary>
public static class StoredHistory
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        ConstructorHandling = ConstructorHandling.AllowNonPublicDefaultConstructor,
        DateParseHandling = DateParseHandling.DateTime,
    });

    private static readonly Dictionary<EventType, Type> Types = typeof(HistoryEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(HistoryEvent)) && !t.IsAbstract)
        .Select(t => (Type: t, Instance: (HistoryEvent)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(t)))
        .GroupBy(x => x.Instance.EventType)
        .ToDictionary(g => g.Key, g => g.First().Type);

    public static List<HistoryEvent> Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var events = new List<HistoryEvent>();
        foreach (var item in JArray.Parse(json).Cast<JObject>())
        {
            var kind = item["EventType"] ?? throw new JsonSerializationException("A history event has no EventType.");
            var type = kind.Type == JTokenType.Integer ? (EventType)kind.Value<int>() : Enum.Parse<EventType>(kind.Value<string>()!);
            events.Add((HistoryEvent)item.ToObject(Types[type], Serializer)!);
        }

        return events;
    }
}
