using System.Text;
using DurableTask.Core.History;
using Pipeline.Worker;

namespace Pipeline.Testing;

/// <summary>Reads facts out of the engine's stored histories: a job's instances, its events and payload bytes.</summary>
public static class HistoryQueries
{
    /// <summary>The stored history of an instance's current execution.</summary>
    public static async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(this DurableTaskEngine engine, string instanceId)
        => (await StoredHistory.ReadAsync(engine.Service, instanceId))?.Events ?? throw new InvalidOperationException($"No instance '{instanceId}'.");

    /// <summary>Every instance id of a job: the root and each sub-orchestration under it.</summary>
    public static async Task<IReadOnlyList<string>> InstancesOfJobAsync(this DurableTaskEngine engine, string jobId)
    {
        var ids = new List<string>();
        var pending = new Queue<string>([jobId]);
        while (pending.TryDequeue(out var id))
        {
            ids.Add(id);
            foreach (var created in (await engine.HistoryAsync(id)).OfType<SubOrchestrationInstanceCreatedEvent>())
            {
                pending.Enqueue(created.InstanceId);
            }
        }

        return ids;
    }

    /// <summary>
    /// The payload bytes a job's histories carry (UTF-8): every input, result, event and failure text in the events
    /// of its root instance and every sub-orchestration — what Pipeline decides, apart from the backend's fixed
    /// per-event columns.
    /// </summary>
    public static async Task<long> HistoryPayloadBytesOfJobAsync(this DurableTaskEngine engine, string jobId)
    {
        long bytes = 0;
        foreach (var id in await engine.InstancesOfJobAsync(jobId))
        {
            bytes += (await engine.HistoryAsync(id)).Sum(e => (long)Encoding.UTF8.GetByteCount(PayloadOf(e)));
        }

        return bytes;
    }

    /// <summary>The events of a job's histories, root and children.</summary>
    public static async Task<int> HistoryEventsOfJobAsync(this DurableTaskEngine engine, string jobId)
    {
        var count = 0;
        foreach (var id in await engine.InstancesOfJobAsync(jobId))
        {
            count += (await engine.HistoryAsync(id)).Count;
        }

        return count;
    }

    private static string PayloadOf(HistoryEvent e) => e switch
    {
        ExecutionStartedEvent s => s.Input ?? string.Empty,
        TaskScheduledEvent s => s.Input ?? string.Empty,
        TaskCompletedEvent c => c.Result ?? string.Empty,
        TaskFailedEvent f => (f.FailureDetails?.ErrorMessage ?? f.Reason ?? string.Empty) + (f.FailureDetails?.ErrorType ?? string.Empty),
        SubOrchestrationInstanceCreatedEvent s => s.Input ?? string.Empty,
        SubOrchestrationInstanceCompletedEvent c => c.Result ?? string.Empty,
        SubOrchestrationInstanceFailedEvent f => f.FailureDetails?.ErrorMessage ?? f.Reason ?? string.Empty,
        EventRaisedEvent r => r.Input ?? string.Empty,
        EventSentEvent s => s.Input ?? string.Empty,
        ExecutionCompletedEvent c => c.Result ?? string.Empty,
        _ => string.Empty,
    };
}
