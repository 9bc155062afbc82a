using DurableTask.Core.History;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pipeline.Worker.Hosting;

/// <summary>
/// Reads the history JSON <c>IOrchestrationServiceClient.GetOrchestrationHistoryAsync</c> returns. The Azure Storage
/// backend writes the events without type names, so each element's concrete <see cref="HistoryEvent"/> type is chosen
/// from its <c>EventType</c> (<c>TaskScheduled</c> → <see cref="TaskScheduledEvent"/>, <c>GenericEvent</c> →
/// <see cref="GenericEvent"/>).
/// </summary>
internal static class HistoryJson
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        ConstructorHandling = ConstructorHandling.AllowNonPublicDefaultConstructor,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
    });

    private static readonly Dictionary<EventType, Type> EventTypes = typeof(HistoryEvent).Assembly.GetTypes()
        .Where(type => type.IsSubclassOf(typeof(HistoryEvent)) && !type.IsAbstract)
        .SelectMany(type => Enum.GetValues<EventType>()
            .Where(kind => type.Name == $"{kind}Event" || type.Name == $"{kind}")
            .Select(kind => (kind, type)))
        .ToDictionary(pair => pair.kind, pair => pair.type);

    public static List<HistoryEvent> Read(string json)
    {
        var events = new List<HistoryEvent>();
        foreach (var element in JArray.Parse(json).OfType<JObject>())
        {
            var kind = element.GetValue("EventType", StringComparison.OrdinalIgnoreCase)?.ToObject<EventType>(Serializer)
                ?? throw new JsonSerializationException($"A history event has no EventType: {element}");
            if (!EventTypes.TryGetValue(kind, out var type))
            {
                throw new JsonSerializationException($"No history event type for {kind}.");
            }

            events.Add((HistoryEvent)(element.ToObject(type, Serializer) ?? throw new JsonSerializationException($"Could not read a {kind} event.")));
        }

        return events;
    }
}
