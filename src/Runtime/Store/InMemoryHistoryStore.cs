using Pipeline.Runtime.History;

namespace Pipeline.Runtime.Store;

/// <summary>
/// A history store in memory. It outlives a runtime: a second runtime on the same store resumes what the first one
/// committed, which is how tests simulate a crash without a file.
/// </summary>
public sealed class InMemoryHistoryStore : IHistoryStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstanceRecord> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<HistoryEvent>> _histories = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, WorkMessage> _messages = [];
    private readonly Dictionary<string, string> _entities = new(StringComparer.Ordinal);

    public StoreSnapshot Load()
    {
        lock (_gate)
        {
            return new StoreSnapshot(
                _instances.Values.Select(i => i.Snapshot()).ToList(),
                _histories.ToDictionary(h => h.Key, h => (IReadOnlyList<HistoryEvent>)h.Value.ToList(), StringComparer.Ordinal),
                _messages.Values.ToList(),
                new Dictionary<string, string>(_entities, StringComparer.Ordinal));
        }
    }

    public void Commit(StoreCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        lock (_gate)
        {
            foreach (var id in commit.PurgedInstances)
            {
                _instances.Remove(id);
                _histories.Remove(id);
                foreach (var key in _messages.Where(m => m.Value.Target != MessageTarget.Entity && m.Value.TargetId == id).Select(m => m.Key).ToList())
                {
                    _messages.Remove(key);
                }
            }

            foreach (var instance in commit.Instances)
            {
                _instances[instance.InstanceId] = instance.Snapshot();
            }

            foreach (var append in commit.History)
            {
                if (append.Reset || !_histories.TryGetValue(append.InstanceId, out var history))
                {
                    history = [];
                    _histories[append.InstanceId] = history;
                }

                history.AddRange(append.Events);
            }

            foreach (var id in commit.ConsumedMessages)
            {
                _messages.Remove(id);
            }

            foreach (var message in commit.NewMessages)
            {
                _messages[message.Id] = message;
            }

            foreach (var (id, state) in commit.EntityStates)
            {
                if (state is null)
                {
                    _entities.Remove(id);
                }
                else
                {
                    _entities[id] = state;
                }
            }
        }
    }

    public void Dispose()
    {
    }
}
