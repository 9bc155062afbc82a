namespace Pipeline.Domain.Durable;

/// <summary>One operation delivered to an entity: its name, input and the entity's state.</summary>
public abstract class EntityOperation
{
    public abstract string Name { get; }

    public abstract EntityInstanceId Id { get; }

    public abstract bool HasInput { get; }

    public abstract object? GetInput(Type inputType);

    /// <summary>The state before this operation, or null when the entity has none.</summary>
    public abstract object? GetState(Type stateType);

    /// <summary>Replaces the state; null deletes the entity.</summary>
    public abstract void SetState(object? state);
}
