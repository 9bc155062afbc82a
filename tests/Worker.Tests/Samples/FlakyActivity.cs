using Microsoft.DurableTask;

namespace Pipeline.Worker.Tests.Samples;

/// <summary>Always fails: with <see cref="PermanentFailureException"/> when asked to, else <see cref="TimeoutException"/>.</summary>
public sealed class FlakyActivity(ExecutionCounter counter) : TaskActivity<FlakyRequest, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, FlakyRequest input)
    {
        var attempt = counter.Increment(input.Key);
        throw input.Permanent
            ? new PermanentFailureException($"permanent failure of {input.Key} on attempt {attempt}")
            : new TimeoutException($"transient failure of {input.Key} on attempt {attempt}");
    }
}
