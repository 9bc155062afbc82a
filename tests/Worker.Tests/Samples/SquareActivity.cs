using Microsoft.DurableTask;

namespace Pipeline.Worker.Tests.Samples;

public sealed class SquareActivity(IMultiplier multiplier) : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(multiplier.Multiply(input, input));
}
