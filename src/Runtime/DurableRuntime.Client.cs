using Pipeline.Domain.Durable;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;
using Pipeline.Runtime.History;
using Pipeline.Runtime.Store;

namespace Pipeline.Runtime;

public sealed partial class DurableRuntime
{
    internal async Task<string> ScheduleAsync(string name, object? input, StartOrchestrationOptions? options, CancellationToken cancellation)
    {
        if (!_catalog.TryGet(name, out var entry) || entry!.Kind != DurableFunctionKind.Orchestrator)
        {
            throw new ArgumentException($"No workflow named '{name}' is registered.", nameof(name));
        }

        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        string? payload;
        using (JobId.IsValid(instanceId) ? PayloadScope.ForJob(instanceId, name) : null)
        {
            payload = _converter.Serialize(input);
        }

        await WithGateAsync(
            () =>
            {
                if (_instances.TryGetValue(instanceId, out var existing) && !existing.Record.IsTerminal)
                {
                    throw new InvalidOperationException($"An instance with id '{instanceId}' already exists and is {existing.Record.Status}.");
                }

                var now = Now;
                var commit = new StoreCommit();
                var routed = new List<WorkMessage>();
                CreateInstance(instanceId, entry.Name, payload, null, -1, now, options?.StartAt?.UtcDateTime ?? now, commit, routed);
                commit.NewMessages.AddRange(routed);
                _store.Commit(commit);
                routed.ForEach(Route);
                return 0;
            },
            cancellation).ConfigureAwait(false);
        Signal();
        return instanceId;
    }

    internal Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs, CancellationToken cancellation)
        => WithGateAsync(() => _instances.TryGetValue(instanceId, out var i) ? ToMetadata(i.Record, getInputsAndOutputs) : null, cancellation);

    internal async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId, bool getInputsAndOutputs, CancellationToken cancellation)
    {
        var waiter = await WithGateAsync(
            () =>
            {
                if (!_instances.TryGetValue(instanceId, out var instance))
                {
                    throw new InvalidOperationException($"No instance with id '{instanceId}' exists.");
                }

                var source = new TaskCompletionSource<OrchestrationMetadata>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (instance.Record.IsTerminal)
                {
                    source.SetResult(ToMetadata(instance.Record, includePayloads: true));
                }
                else
                {
                    if (!_completionWaiters.TryGetValue(instanceId, out var list))
                    {
                        _completionWaiters[instanceId] = list = [];
                    }

                    list.Add(source);
                }

                return source;
            },
            cancellation).ConfigureAwait(false);
        var metadata = await waiter.Task.WaitAsync(cancellation).ConfigureAwait(false);
        return getInputsAndOutputs ? metadata : metadata with { SerializedInput = null, SerializedOutput = null };
    }

    internal Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellation)
        => SendToInstanceAsync(instanceId, new HistoryEvent(HistoryEventType.EventRaised) { Name = eventName, Payload = _converter.Serialize(payload) }, cancellation);

    internal Task TerminateAsync(string instanceId, object? output, CancellationToken cancellation)
        => SendToInstanceAsync(instanceId, new HistoryEvent(HistoryEventType.ExecutionTerminated) { Payload = _converter.Serialize(output) }, cancellation);

    internal Task<PurgeResult> PurgeAsync(string instanceId, bool recursive, CancellationToken cancellation)
        => WithGateAsync(
            () =>
            {
                if (!_instances.TryGetValue(instanceId, out var instance) || !instance.Record.IsTerminal)
                {
                    return new PurgeResult(0);
                }

                var purged = new List<string> { instanceId };
                for (var i = 0; recursive && i < purged.Count; i++)
                {
                    purged.AddRange(_instances.Values.Where(c => c.Record.ParentInstanceId == purged[i] && c.Record.IsTerminal).Select(c => c.Record.InstanceId));
                }

                var commit = new StoreCommit();
                commit.PurgedInstances.AddRange(purged);
                _store.Commit(commit);
                purged.ForEach(id => _instances.Remove(id));
                return new PurgeResult(purged.Count);
            },
            cancellation);

    internal Task<IReadOnlyList<OrchestrationMetadata>> QueryAsync(OrchestrationQuery query, CancellationToken cancellation)
        => WithGateAsync(
            () => (IReadOnlyList<OrchestrationMetadata>)_instances.Values
                .Select(i => i.Record)
                .Where(r => query.InstanceIdPrefix is null || r.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal))
                .Where(r => query.Statuses is null || query.Statuses.Contains(r.Status))
                .OrderBy(r => r.InstanceId, StringComparer.Ordinal)
                .Select(r => ToMetadata(r, includePayloads: false))
                .ToList(),
            cancellation);

    internal async Task SignalEntityAsync(EntityInstanceId id, string operationName, object? input, CancellationToken cancellation)
    {
        _ = _catalog.Get(id.Name, DurableFunctionKind.Entity);
        var signal = new HistoryEvent(HistoryEventType.EntityOperationSignaled) { Name = operationName, Payload = _converter.Serialize(input) };
        await SendAsync(MessageTarget.Entity, id.ToString(), signal, cancellation).ConfigureAwait(false);
    }

    internal Task<EntityMetadata<TState>?> GetEntityAsync<TState>(EntityInstanceId id, CancellationToken cancellation)
        => WithGateAsync(
            () => _entities.TryGetValue(id.ToString(), out var entity) && entity.State is { } state
                ? new EntityMetadata<TState>(id, (TState)_converter.Deserialize(state, typeof(TState))!, Now)
                : null,
            cancellation);

    private async Task SendToInstanceAsync(string instanceId, HistoryEvent e, CancellationToken cancellation)
    {
        var exists = await WithGateAsync(() => _instances.TryGetValue(instanceId, out var i) ? (bool?)!i.Record.IsTerminal : null, cancellation).ConfigureAwait(false);
        switch (exists)
        {
            case null:
                throw new InvalidOperationException($"No instance with id '{instanceId}' exists.");
            case true:
                await SendAsync(MessageTarget.Orchestration, instanceId, e, cancellation).ConfigureAwait(false);
                break;
        }
    }

    private async Task SendAsync(MessageTarget target, string targetId, HistoryEvent e, CancellationToken cancellation)
    {
        await WithGateAsync(
            () =>
            {
                var now = Now;
                var message = NewMessage(target, targetId, now, e with { Timestamp = now });
                var commit = new StoreCommit();
                commit.NewMessages.Add(message);
                _store.Commit(commit);
                Route(message);
                return 0;
            },
            cancellation).ConfigureAwait(false);
        Signal();
    }

    private async Task<T> WithGateAsync<T>(Func<T> action, CancellationToken cancellation)
    {
        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            return action();
        }
        finally
        {
            _gate.Release();
        }
    }
}
