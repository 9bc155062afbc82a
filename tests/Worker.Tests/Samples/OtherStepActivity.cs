using Microsoft.DurableTask;

namespace Pipeline.Worker.Tests.Samples;

public sealed class OtherStepActivity : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input);
}
