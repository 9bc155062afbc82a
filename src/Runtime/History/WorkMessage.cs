namespace Pipeline.Runtime.History;

/// <summary>
/// A durable message: an event for an orchestration's inbox, an activity to run, or an operation for an entity.
/// Messages become visible at <see cref="VisibleAt"/> (durable timers are messages visible at their fire time).
/// </summary>
public sealed record WorkMessage(long Id, MessageTarget Target, string TargetId, DateTime VisibleAt, HistoryEvent Event);
