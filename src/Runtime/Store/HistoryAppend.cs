using Pipeline.Runtime.History;

namespace Pipeline.Runtime.Store;

/// <summary>Events appended to an instance's history; <see cref="Reset"/> first clears it (a new execution).</summary>
public sealed record HistoryAppend(string InstanceId, bool Reset, IReadOnlyList<HistoryEvent> Events);
