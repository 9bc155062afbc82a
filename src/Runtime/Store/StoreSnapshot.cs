using Pipeline.Runtime.History;

namespace Pipeline.Runtime.Store;

/// <summary>The committed state a runtime starts from.</summary>
public sealed record StoreSnapshot(
    IReadOnlyList<InstanceRecord> Instances,
    IReadOnlyDictionary<string, IReadOnlyList<HistoryEvent>> Histories,
    IReadOnlyList<WorkMessage> Messages,
    IReadOnlyDictionary<string, string> EntityStates);
