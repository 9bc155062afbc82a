namespace Pipeline.Domain.Durable;

/// <summary>A workflow with a typed input and output; mirrors <c>TaskOrchestrator&lt;TInput, TOutput&gt;</c>.</summary>
public abstract class Workflow<TInput, TOutput> : IWorkflow
{
    public Type InputType => typeof(TInput);

    public Type OutputType => typeof(TOutput);

    public abstract Task<TOutput> RunAsync(IOrchestrationContext context, TInput input);

    async Task<object?> IWorkflow.RunAsync(IOrchestrationContext context, object? input)
        => await RunAsync(context, input is null ? default! : (TInput)input);
}
