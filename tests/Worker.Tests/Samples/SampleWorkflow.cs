using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;

namespace Pipeline.Worker.Tests.Samples;

public sealed record SampleInput(int Count, string CounterKey);

public sealed record SampleOutput(int SumOfSquares, ChildResult Child, int CounterAfterSignalAndCall, string Approval);

/// <summary>Fans out squares, runs a child, signals then calls a counter entity, and waits for an approval event.</summary>
public sealed class SampleWorkflow : TaskOrchestrator<SampleInput, SampleOutput>
{
    public const string ApprovalEvent = "Approval";

    public override async Task<SampleOutput> RunAsync(TaskOrchestrationContext context, SampleInput input)
    {
        var squares = await Task.WhenAll(Enumerable.Range(1, input.Count).Select(i => context.CallActivityAsync<int>(nameof(SquareActivity), i)));
        var child = await context.CallSubOrchestratorAsync<ChildResult>(nameof(ChildWorkflow), 21);
        var counter = new EntityInstanceId(nameof(CounterEntity), input.CounterKey);
        await context.Entities.SignalEntityAsync(counter, nameof(CounterEntity.Add), 5);
        var afterCall = await context.Entities.CallEntityAsync<int>(counter, nameof(CounterEntity.Add), 1);
        var approval = await context.WaitForExternalEvent<string>(ApprovalEvent);
        return new SampleOutput(squares.Sum(), child, afterCall, approval);
    }
}
