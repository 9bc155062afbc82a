namespace Pipeline.Runtime.History;

/// <summary>Who consumes a <see cref="WorkMessage"/>.</summary>
public enum MessageTarget
{
    Orchestration,
    Activity,
    Entity,
}
