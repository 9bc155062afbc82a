using Pipeline.Domain.Durable;

namespace Pipeline.Bench;

/// <summary>Does nothing: measures the runtime's own cost per activity.</summary>
internal sealed class NoopActivity : Activity<int, int>
{
    public override Task<int> RunAsync(int input, CancellationToken cancellationToken) => Task.FromResult(input);
}
