using System.Text.Json;
using Pipeline.Runtime;
using Pipeline.Runtime.History;

namespace Pipeline.Testing;

/// <summary>Reads facts out of the runtime's histories: attempts per asset, history bytes per job.</summary>
public static class HistoryQueries
{
    /// <summary>How many times an activity was scheduled for each asset id (every attempt is in history), over all instances.</summary>
    public static IReadOnlyDictionary<string, int> AttemptsByAsset(this DurableRuntime runtime)
    {
        var attempts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (instanceId, _, _) in runtime.ListInstances())
        {
            foreach (var e in runtime.GetHistory(instanceId) ?? [])
            {
                if (e.Type == HistoryEventType.TaskScheduled && e.Payload is { } payload && payload.StartsWith('{')
                    && JsonDocument.Parse(payload).RootElement.TryGetProperty("assetId", out var id))
                {
                    attempts[id.GetString()!] = attempts.GetValueOrDefault(id.GetString()!) + 1;
                }
            }
        }

        return attempts;
    }

    /// <summary>History bytes of a job: its root instance and every sub-orchestration under it.</summary>
    public static long HistoryBytesOfJob(this DurableRuntime runtime, string jobId)
        => runtime.ListInstances()
            .Where(i => i.InstanceId == jobId || i.InstanceId.StartsWith(jobId + ":", StringComparison.Ordinal))
            .Sum(i => runtime.GetCounters(i.InstanceId)!.HistoryBytes);
}
