using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Durable;
using Pipeline.Runtime.History;
using Pipeline.Runtime.Store;

namespace Pipeline.Runtime;

public sealed partial class DurableRuntime
{
    private async Task ActivityWorkerAsync()
    {
        var reader = _activities.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                while (!_stopping.IsCancellationRequested && reader.TryRead(out var message))
                {
                    Interlocked.Increment(ref _activitiesRunning);
                    try
                    {
                        var outcome = await ExecuteActivityAsync(message).ConfigureAwait(false);
                        await CompleteActivityAsync(message, outcome).ConfigureAwait(false);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _activitiesRunning);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task<HistoryEvent> ExecuteActivityAsync(WorkMessage message)
    {
        var scheduled = message.Event;
        var now = Now;
        InstanceRecord? owner;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            owner = _instances.TryGetValue(message.TargetId, out var instance) ? instance.Record : null;
        }
        finally
        {
            _gate.Release();
        }

        using var payloads = PayloadScopeFor(owner, scheduled.Name!);
        try
        {
            var entry = _catalog.Get(scheduled.Name!, DurableFunctionKind.Activity);
            var scope = _services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var activity = (IActivity)ActivatorUtilities.CreateInstance(scope.ServiceProvider, entry.Type);
                var input = _converter.Deserialize(scheduled.Payload, activity.InputType);
                var output = await activity.RunAsync(input, _abortActivities.Token).ConfigureAwait(false);
                return new HistoryEvent(HistoryEventType.TaskCompleted) { TaskScheduledId = scheduled.EventId, Payload = _converter.Serialize(output), Timestamp = Now };
            }
        }
        catch (Exception e) when (!_abortActivities.IsCancellationRequested)
        {
            Log.ActivityFailed(_logger, scheduled.Name!, message.TargetId, e.Message);
            return new HistoryEvent(HistoryEventType.TaskFailed) { TaskScheduledId = scheduled.EventId, Failure = TaskFailureDetails.FromException(e), Timestamp = now };
        }
    }

    /// <summary>Commits an activity's result into its instance's inbox, in the same step that consumes the work item.</summary>
    private async Task CompleteActivityAsync(WorkMessage work, HistoryEvent outcome)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_aborted)
            {
                return;
            }

            var commit = new StoreCommit();
            commit.ConsumedMessages.Add(work.Id);
            WorkMessage? result = null;
            if (_instances.TryGetValue(work.TargetId, out var instance))
            {
                var executions = instance.Record.Counters.ActivityExecutions;
                executions[work.Event.Name!] = executions.GetValueOrDefault(work.Event.Name!) + 1;
                if (!instance.Record.IsTerminal)
                {
                    result = NewMessage(MessageTarget.Orchestration, work.TargetId, Now, outcome);
                    commit.NewMessages.Add(result);
                }
            }

            _store.Commit(commit);
            if (result is not null)
            {
                Route(result);
            }

            Interlocked.Decrement(ref _activitiesOutstanding);
        }
        finally
        {
            _gate.Release();
        }

        Signal();
    }
}
