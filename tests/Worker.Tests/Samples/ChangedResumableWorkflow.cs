using Microsoft.DurableTask;

namespace Pipeline.Worker.Tests.Samples;

/// <summary><see cref="ResumableWorkflow"/> after an incompatible change: its first step calls another activity.</summary>
public sealed class ChangedResumableWorkflow : TaskOrchestrator<string, string[]>
{
    public override async Task<string[]> RunAsync(TaskOrchestrationContext context, string input)
    {
        var first = await context.CallActivityAsync<string>(nameof(OtherStepActivity), $"{input}-first");
        var resumedWith = await context.WaitForExternalEvent<string>(ResumableWorkflow.ContinueEvent);
        return [first, resumedWith];
    }
}
