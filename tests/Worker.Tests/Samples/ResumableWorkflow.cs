using Microsoft.DurableTask;

namespace Pipeline.Worker.Tests.Samples;

/// <summary>Runs a first step, waits for <see cref="ContinueEvent"/>, runs a second step.</summary>
public sealed class ResumableWorkflow : TaskOrchestrator<string, string[]>
{
    public const string ContinueEvent = "Continue";

    public override async Task<string[]> RunAsync(TaskOrchestrationContext context, string input)
    {
        var first = await context.CallActivityAsync<string>(nameof(StepActivity), $"{input}-first");
        var resumedWith = await context.WaitForExternalEvent<string>(ContinueEvent);
        var second = await context.CallActivityAsync<string>(nameof(StepActivity), $"{input}-second");
        return [first, resumedWith, second];
    }
}
