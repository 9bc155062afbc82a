using DurableTask.Core.History;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pipeline.Worker;

/// <summary>
/// Reads the history JSON the backend's <c>GetOrchestrationHistoryAsync</c> returns. That JSON carries no type names,
/// so each event's concrete <see cref="HistoryEvent"/> type is chosen from its <c>EventType</c>.
/// </summary>
public static class HistoryJson
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None });

    public static List<HistoryEvent> Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var events = new List<HistoryEvent>();
        foreach (var item in JArray.Parse(json).Children<JObject>())
        {
            var token = item.GetValue(nameof(HistoryEvent.EventType), StringComparison.OrdinalIgnoreCase)
                ?? throw new JsonSerializationException("A history event without an EventType.");
            var eventType = token.Type == JTokenType.Integer
                ? (EventType)token.Value<int>()
                : Enum.Parse<EventType>(token.Value<string>()!, ignoreCase: true);
            events.Add((HistoryEvent)item.ToObject(TypeOf(eventType), Serializer)!);
        }

        return events;
    }

    private static Type TypeOf(EventType eventType)
    {
        var assembly = typeof(HistoryEvent).Assembly;
        var name = eventType.ToString();
        return assembly.GetType($"DurableTask.Core.History.{name}Event")
            ?? assembly.GetType($"DurableTask.Core.History.{name}")
            ?? throw new JsonSerializationException($"No history event type for {eventType}.");
    }
}
