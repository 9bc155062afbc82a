using Pipeline.Domain.Durable;
using Pipeline.Runtime.Execution;
using Pipeline.Runtime.History;
using Pipeline.Runtime.Store;

namespace Pipeline.Runtime;

public sealed partial class DurableRuntime
{
    /// <summary>Runs one episode for every instance with visible messages. Called under the gate.</summary>
    private bool RunReadyInstances()
    {
        if (_readyInstances.Count == 0)
        {
            return false;
        }

        var ready = _readyInstances.ToList();
        _readyInstances.Clear();
        var progressed = false;
        foreach (var id in ready)
        {
            if (_instances.TryGetValue(id, out var instance))
            {
                progressed |= RunEpisode(instance);
            }
        }

        return progressed;
    }

    private bool RunEpisode(InstanceState instance)
    {
        var now = Now;
        var batch = TakeVisible(instance.Inbox, now);
        if (batch.Count == 0)
        {
            return false;
        }

        var commit = new StoreCommit();
        commit.ConsumedMessages.AddRange(batch.Select(m => m.Id));
        var record = instance.Record;
        if (record.IsTerminal)
        {
            // Late results (an activity finishing after termination): consumed and ignored.
            _store.Commit(commit);
            return true;
        }

        var routed = new List<WorkMessage>();
        var newHistory = batch.Any(m => m.Event.Type == HistoryEventType.ExecutionTerminated)
            ? Terminate(record, batch.First(m => m.Event.Type == HistoryEventType.ExecutionTerminated).Event, now)
            : Replay(instance, batch, now, commit, routed);

        var reset = newHistory is null;
        newHistory ??= [];
        record.LastUpdatedAt = now;
        record.Counters.HistoryEvents = reset ? 0 : instance.History.Count + newHistory.Count;
        record.Counters.HistoryBytes = (reset ? 0 : record.Counters.HistoryBytes) + newHistory.Sum(e => e.PayloadBytes);
        commit.Instances.Add(record);
        if (reset || newHistory.Count > 0)
        {
            commit.History.Add(new HistoryAppend(record.InstanceId, reset, newHistory));
        }

        if (record.IsTerminal && record.ParentInstanceId is { } parent && _instances.ContainsKey(parent))
        {
            var notice = record.Status == OrchestrationRuntimeStatus.Completed
                ? new HistoryEvent(HistoryEventType.SubOrchestrationInstanceCompleted) { TaskScheduledId = record.ParentTaskId, Payload = record.Output, Timestamp = now }
                : new HistoryEvent(HistoryEventType.SubOrchestrationInstanceFailed)
                {
                    TaskScheduledId = record.ParentTaskId,
                    Timestamp = now,
                    Failure = record.Failure ?? new TaskFailureDetails("Terminated", $"Sub-orchestration '{record.InstanceId}' was terminated."),
                };
            routed.Add(NewMessage(MessageTarget.Orchestration, parent, now, notice));
        }

        commit.NewMessages.AddRange(routed);
        _store.Commit(commit);

        if (reset)
        {
            instance.History = [];
        }
        else
        {
            instance.History.AddRange(newHistory);
        }

        foreach (var message in routed)
        {
            Route(message);
        }

        if (record.IsTerminal)
        {
            NotifyCompletion(record);
        }

        return true;
    }

    private static List<HistoryEvent> Terminate(InstanceRecord record, HistoryEvent terminated, DateTime now)
    {
        record.Status = OrchestrationRuntimeStatus.Terminated;
        record.Output = terminated.Payload;
        return
        [
            new HistoryEvent(HistoryEventType.OrchestratorStarted) { Timestamp = now },
            terminated,
            new HistoryEvent(HistoryEventType.ExecutionCompleted) { Status = OrchestrationRuntimeStatus.Terminated, Payload = terminated.Payload, Timestamp = now },
            new HistoryEvent(HistoryEventType.OrchestratorCompleted) { Timestamp = now },
        ];
    }

    /// <summary>Replays the workflow over its history and the batch; returns the events to append, or null for a new execution.</summary>
    private List<HistoryEvent>? Replay(InstanceState instance, List<WorkMessage> batch, DateTime now, StoreCommit commit, List<WorkMessage> routed)
    {
        var record = instance.Record;
        EpisodeResult result;
        if (!_catalog.TryGet(record.Name, out var entry) || entry!.Kind != DurableFunctionKind.Orchestrator)
        {
            result = new EpisodeResult
            {
                NewHistory = [new HistoryEvent(HistoryEventType.OrchestratorStarted) { Timestamp = now }, .. batch.Select(m => m.Event)],
                NewCommands = [],
                IssuedCommands = [],
                EventsReplayed = 0,
                Completion = OrchestrationRuntimeStatus.Failed,
                Failure = new TaskFailureDetails(typeof(KeyNotFoundException).FullName!, $"No workflow named '{record.Name}' is registered."),
            };
        }
        else
        {
            var workflow = (IWorkflow)Activator.CreateInstance(entry.Type)!;
            using var scope = PayloadScopeFor(record, record.Name);
            result = OrchestrationExecutor.Run(workflow, record.Name, record.InstanceId, instance.History, batch.Select(m => m.Event).ToList(), now, _converter, _loggerFactory);
        }

        record.Counters.Episodes++;
        record.Counters.EventsReplayed += result.EventsReplayed;
        if (record.Status == OrchestrationRuntimeStatus.Pending)
        {
            record.Status = OrchestrationRuntimeStatus.Running;
        }

        if (result.CustomStatusSet)
        {
            record.CustomStatus = result.CustomStatus;
        }

        foreach (var command in result.NewCommands)
        {
            RouteCommand(record, command, now, commit, routed);
        }

        var history = result.NewHistory;
        switch (result.Completion)
        {
            case OrchestrationRuntimeStatus.ContinuedAsNew:
                record.Input = result.ContinueAsNewInput;
                record.Output = null;
                routed.Add(NewMessage(MessageTarget.Orchestration, record.InstanceId, now, new HistoryEvent(HistoryEventType.ExecutionStarted)
                {
                    Name = record.Name,
                    Payload = result.ContinueAsNewInput,
                    ParentInstanceId = record.ParentInstanceId,
                    Timestamp = now,
                }));
                routed.AddRange(result.CarriedEvents.Select(e => NewMessage(MessageTarget.Orchestration, record.InstanceId, now, new HistoryEvent(HistoryEventType.EventRaised) { Name = e.Name, Payload = e.Payload, Timestamp = now })));
                return null;
            case { } status:
                record.Status = status;
                record.Output = result.Output;
                record.Failure = result.Failure;
                history.Add(new HistoryEvent(HistoryEventType.ExecutionCompleted) { Status = status, Payload = result.Output, Failure = result.Failure, Timestamp = now });
                if (result.Failure is { } failure)
                {
                    Log.InstanceFailed(_logger, record.InstanceId, failure.ErrorType, failure.ErrorMessage);
                }

                Log.InstanceEnded(_logger, record.InstanceId, record.Name, status.ToString());
                break;
        }

        history.Add(new HistoryEvent(HistoryEventType.OrchestratorCompleted) { Timestamp = now });
        return history;
    }

    /// <summary>Turns a new command into the message that carries it out.</summary>
    private void RouteCommand(InstanceRecord record, HistoryEvent command, DateTime now, StoreCommit commit, List<WorkMessage> routed)
    {
        switch (command.Type)
        {
            case HistoryEventType.TaskScheduled:
                routed.Add(NewMessage(MessageTarget.Activity, record.InstanceId, now, command));
                break;
            case HistoryEventType.TimerCreated:
                var fireAt = command.FireAt!.Value;
                routed.Add(NewMessage(MessageTarget.Orchestration, record.InstanceId, fireAt, new HistoryEvent(HistoryEventType.TimerFired) { TaskScheduledId = command.EventId, FireAt = fireAt, Timestamp = fireAt }));
                break;
            case HistoryEventType.SubOrchestrationInstanceCreated:
                StartChild(record, command, now, commit, routed);
                break;
            case HistoryEventType.EventSent:
                if (_instances.ContainsKey(command.InstanceId!))
                {
                    routed.Add(NewMessage(MessageTarget.Orchestration, command.InstanceId!, now, new HistoryEvent(HistoryEventType.EventRaised) { Name = command.Name, Payload = command.Payload, Timestamp = now }));
                }

                break;
            case HistoryEventType.EntityOperationSignaled or HistoryEventType.EntityOperationCalled:
                routed.Add(NewMessage(MessageTarget.Entity, command.InstanceId!, now, command with { InstanceId = record.InstanceId }));
                break;
        }
    }

    private void StartChild(InstanceRecord parent, HistoryEvent command, DateTime now, StoreCommit commit, List<WorkMessage> routed)
    {
        var childId = command.InstanceId!;
        string? refusal = null;
        if (!_catalog.TryGet(command.Name!, out var entry) || entry!.Kind != DurableFunctionKind.Orchestrator)
        {
            refusal = $"No workflow named '{command.Name}' is registered.";
        }
        else if (_instances.TryGetValue(childId, out var existing) && !existing.Record.IsTerminal)
        {
            refusal = $"An instance with id '{childId}' already exists and is {existing.Record.Status}.";
        }

        if (refusal is not null)
        {
            routed.Add(NewMessage(MessageTarget.Orchestration, parent.InstanceId, now, new HistoryEvent(HistoryEventType.SubOrchestrationInstanceFailed)
            {
                TaskScheduledId = command.EventId,
                Failure = new TaskFailureDetails(typeof(InvalidOperationException).FullName!, refusal),
                Timestamp = now,
            }));
            return;
        }

        CreateInstance(childId, command.Name!, command.Payload, parent.InstanceId, command.EventId, now, now, commit, routed);
    }

    /// <summary>Creates (or replaces a finished) instance and queues its ExecutionStarted. Called under the gate.</summary>
    private void CreateInstance(string instanceId, string name, string? input, string? parentId, int parentTaskId, DateTime now, DateTime startAt, StoreCommit commit, List<WorkMessage> routed)
    {
        if (_instances.ContainsKey(instanceId))
        {
            commit.PurgedInstances.Add(instanceId);
        }

        var record = new InstanceRecord
        {
            InstanceId = instanceId,
            Name = name,
            Status = OrchestrationRuntimeStatus.Pending,
            CreatedAt = now,
            LastUpdatedAt = now,
            Input = input,
            ParentInstanceId = parentId,
            ParentTaskId = parentTaskId,
            RootInstanceId = parentId is not null && _instances.TryGetValue(parentId, out var parent) ? parent.Record.RootInstanceId ?? parentId : instanceId,
        };
        commit.Instances.Add(record);
        _instances[instanceId] = new InstanceState(record, []);
        routed.Add(NewMessage(MessageTarget.Orchestration, instanceId, startAt, new HistoryEvent(HistoryEventType.ExecutionStarted)
        {
            Name = name,
            Payload = input,
            ParentInstanceId = parentId,
            Timestamp = now,
        }));
    }

    private void NotifyCompletion(InstanceRecord record)
    {
        if (_completionWaiters.Remove(record.InstanceId, out var waiters))
        {
            var metadata = ToMetadata(record, includePayloads: true);
            foreach (var waiter in waiters)
            {
                waiter.TrySetResult(metadata);
            }
        }
    }

    private OrchestrationMetadata ToMetadata(InstanceRecord record, bool includePayloads) => new(record.Name, record.InstanceId)
    {
        RuntimeStatus = record.Status,
        CreatedAt = record.CreatedAt,
        LastUpdatedAt = record.LastUpdatedAt,
        SerializedInput = includePayloads ? record.Input : null,
        SerializedOutput = includePayloads ? record.Output : null,
        SerializedCustomStatus = record.CustomStatus,
        FailureDetails = record.Failure,
        Converter = _converter,
    };
}
