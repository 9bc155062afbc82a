using System.Text.Json;
using DurableTask.AzureStorage;
using DurableTask.Core.History;

namespace Pipeline.Worker.Client;

/// <summary>
/// Finds the sub-orchestrations an instance started, from the <see cref="SubOrchestrationInstanceCreatedEvent"/>s of
/// its history (the Azure Storage backend hands the history out as a JSON array of events).
/// </summary>
internal static class SubOrchestrationHistory
{
    public static async Task<IReadOnlyList<string>> GetChildInstanceIdsAsync(
        AzureStorageOrchestrationService service, string instanceId, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var json = await service.GetOrchestrationHistoryAsync(instanceId, executionId: null);
        cancellation.ThrowIfCancellationRequested();
        return ParseChildInstanceIds(json);
    }

    /// <summary>The child instance ids, in history order and without repeats.</summary>
    public static IReadOnlyList<string> ParseChildInstanceIds(string? historyJson)
    {
        if (string.IsNullOrWhiteSpace(historyJson))
        {
            return [];
        }

        using var document = JsonDocument.Parse(historyJson);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var children = new List<string>();
        foreach (var historyEvent in document.RootElement.EnumerateArray())
        {
            if (historyEvent.ValueKind == JsonValueKind.Object
                && IsSubOrchestrationCreated(historyEvent)
                && TryGetString(historyEvent, nameof(SubOrchestrationInstanceCreatedEvent.InstanceId)) is { Length: > 0 } child
                && !children.Contains(child, StringComparer.Ordinal))
            {
                children.Add(child);
            }
        }

        return children;
    }

    private static bool IsSubOrchestrationCreated(JsonElement historyEvent)
    {
        if (!TryGetProperty(historyEvent, nameof(HistoryEvent.EventType), out var type))
        {
            return false;
        }

        return type.ValueKind switch
        {
            JsonValueKind.Number => type.TryGetInt32(out var value) && value == (int)EventType.SubOrchestrationInstanceCreated,
            JsonValueKind.String => string.Equals(type.GetString(), nameof(EventType.SubOrchestrationInstanceCreated), StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    private static string? TryGetString(JsonElement element, string name)
        => TryGetProperty(element, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
