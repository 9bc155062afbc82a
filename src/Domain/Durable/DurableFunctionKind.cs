namespace Pipeline.Domain.Durable;

/// <summary>The trigger kind a catalog entry becomes in the Azure Functions app.</summary>
public enum DurableFunctionKind
{
    Orchestrator,
    Activity,
    Entity,
}
