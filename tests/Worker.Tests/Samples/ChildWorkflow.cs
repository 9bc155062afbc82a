using Microsoft.DurableTask;

namespace Pipeline.Worker.Tests.Samples;

public sealed record ChildResult(int Doubled, string? ParentInstanceId, string? ParentName);

/// <summary>Doubles its input and reports the parent it sees.</summary>
public sealed class ChildWorkflow : TaskOrchestrator<int, ChildResult>
{
    public override Task<ChildResult> RunAsync(TaskOrchestrationContext context, int input)
        => Task.FromResult(new ChildResult(input * 2, context.Parent?.InstanceId, context.Parent?.Name.Name));
}
