using DurableTask.Core;
using DurableTask.Core.History;

namespace Pipeline.Worker;

/// <summary>Reads an instance's stored history from the backend as DurableTask.Core events.</summary>
public static class StoredHistory
{
    /// <summary>The state and the events of the current execution of <paramref name="instanceId"/>; null when there is no such instance.</summary>
    public static async Task<(OrchestrationState State, IReadOnlyList<HistoryEvent> Events)?> ReadAsync(
        IOrchestrationServiceClient client,
        string instanceId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var states = await client.GetOrchestrationStateAsync(instanceId, allExecutions: false).WaitAsync(cancellationToken);
        if (states?.FirstOrDefault() is not { } state)
        {
            return null;
        }

        var json = await client.GetOrchestrationHistoryAsync(instanceId, state.OrchestrationInstance.ExecutionId).WaitAsync(cancellationToken);
        return (state, Hosting.HistoryJson.Read(json));
    }
}
