using Microsoft.DurableTask;

namespace Pipeline.Worker.Tests.Samples;

/// <summary>Counts its runs per step, raises the signal named by the step, and echoes it.</summary>
public sealed class StepActivity(ExecutionCounter counter, TestSignals signals) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input)
    {
        counter.Increment(input);
        signals.Raise(input);
        return Task.FromResult(input);
    }
}
