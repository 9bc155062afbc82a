using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;
using Pipeline.Runtime.Execution;
using Pipeline.Runtime.History;
using Pipeline.Runtime.Store;

namespace Pipeline.Runtime;

public sealed partial class DurableRuntime
{
    /// <summary>Applies every visible operation of every ready entity, one at a time, one commit per entity batch.</summary>
    private async Task<bool> RunReadyEntitiesAsync()
    {
        if (_readyEntities.Count == 0)
        {
            return false;
        }

        var ready = _readyEntities.ToList();
        _readyEntities.Clear();
        var progressed = false;
        foreach (var id in ready)
        {
            if (_entities.TryGetValue(id, out var entity))
            {
                progressed |= await RunEntityBatchAsync(id, entity).ConfigureAwait(false);
            }
        }

        return progressed;
    }

    private async Task<bool> RunEntityBatchAsync(string id, EntityState entity)
    {
        var now = Now;
        var batch = TakeVisible(entity.Inbox, now);
        if (batch.Count == 0)
        {
            return false;
        }

        var entityId = EntityInstanceId.Parse(id);
        var commit = new StoreCommit();
        commit.ConsumedMessages.AddRange(batch.Select(m => m.Id));
        var responses = new List<WorkMessage>();
        var state = entity.State;
        foreach (var message in batch)
        {
            using var payloads = JobId.IsValid(entityId.Key) ? PayloadScope.ForJob(entityId.Key, message.Event.Name) : null;
            var operation = new RuntimeEntityOperation(entityId, message.Event.Name!, message.Event.Payload, state, _converter);
            HistoryEvent response;
            try
            {
                var entry = _catalog.Get(entityId.Name, DurableFunctionKind.Entity);
                var scope = _services.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    var instance = (IEntity)ActivatorUtilities.CreateInstance(scope.ServiceProvider, entry.Type);
                    var output = await instance.RunAsync(operation).ConfigureAwait(false);
                    state = operation.State;
                    response = new HistoryEvent(HistoryEventType.EntityOperationCompleted) { TaskScheduledId = message.Event.EventId, Payload = _converter.Serialize(output), Timestamp = now };
                }
            }
            catch (Exception e)
            {
                // A failed operation leaves the state as it was before it; earlier operations of the batch stand.
                Log.EntityOperationFailed(_logger, message.Event.Name!, id, e.Message);
                response = new HistoryEvent(HistoryEventType.EntityOperationFailed) { TaskScheduledId = message.Event.EventId, Failure = TaskFailureDetails.FromException(e), Timestamp = now };
            }

            if (message.Event.Type == HistoryEventType.EntityOperationCalled && message.Event.InstanceId is { } caller && _instances.ContainsKey(caller))
            {
                responses.Add(NewMessage(MessageTarget.Orchestration, caller, now, response));
            }
        }

        commit.EntityStates[id] = state;
        commit.NewMessages.AddRange(responses);
        _store.Commit(commit);
        entity.State = state;
        if (state is null && entity.Inbox.Count == 0)
        {
            _entities.Remove(id);
        }

        foreach (var response in responses)
        {
            Route(response);
        }

        return true;
    }
}
