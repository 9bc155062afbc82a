using Pipeline.Domain.Durable;

namespace Pipeline.Bench;

/// <summary>N no-op activities in one orchestration, all at once.</summary>
internal sealed class FlatFanOutWorkflow : Workflow<int, int>
{
    public override async Task<int> RunAsync(IOrchestrationContext context, int count)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => context.CallActivityAsync<int>(nameof(NoopActivity), i)));
        return results.Length;
    }
}
