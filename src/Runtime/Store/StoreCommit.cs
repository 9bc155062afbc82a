using Pipeline.Runtime.History;

namespace Pipeline.Runtime.Store;

/// <summary>One atomic change: instance metadata, history, consumed and produced messages, entity states, purges.</summary>
public sealed class StoreCommit
{
    public List<InstanceRecord> Instances { get; } = [];

    public List<HistoryAppend> History { get; } = [];

    public List<long> ConsumedMessages { get; } = [];

    public List<WorkMessage> NewMessages { get; } = [];

    /// <summary>Entity states to write; a null state deletes the entity.</summary>
    public Dictionary<string, string?> EntityStates { get; } = new(StringComparer.Ordinal);

    /// <summary>Instances to remove with their history and messages.</summary>
    public List<string> PurgedInstances { get; } = [];

    public bool IsEmpty => Instances.Count == 0 && History.Count == 0 && ConsumedMessages.Count == 0 && NewMessages.Count == 0
        && EntityStates.Count == 0 && PurgedInstances.Count == 0;
}
