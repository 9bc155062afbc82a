namespace Pipeline.Domain.Durable;

/// <summary>
/// Workflow (orchestrator) code: replayed from the start on every episode, so it must be deterministic.
/// The determinism analyzer checks every type that implements this interface.
/// </summary>
public interface IWorkflow
{
    Type InputType { get; }

    Type OutputType { get; }

    Task<object?> RunAsync(IOrchestrationContext context, object? input);
}
