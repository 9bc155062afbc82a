namespace Pipeline.Domain.Durable;

/// <summary>An entity's state as the client reads it; mirrors <c>EntityMetadata&lt;TState&gt;</c>.</summary>
public sealed record EntityMetadata<TState>(EntityInstanceId Id, TState State, DateTimeOffset LastModifiedTime);
