using Microsoft.DurableTask;

namespace Pipeline.Worker.Tests.Samples;

public sealed class ScopeProbeWorkflow : TaskOrchestrator<int, Guid[][]>
{
    public override Task<Guid[][]> RunAsync(TaskOrchestrationContext context, int input)
        => Task.WhenAll(Enumerable.Range(0, input).Select(i => context.CallActivityAsync<Guid[]>(nameof(ScopeProbeActivity), i)));
}
