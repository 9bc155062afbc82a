namespace Pipeline.Domain.Durable;

/// <summary>One registered workflow, activity or entity: its durable name and implementing type.</summary>
public sealed record DurableCatalogEntry(string Name, DurableFunctionKind Kind, Type Type);
