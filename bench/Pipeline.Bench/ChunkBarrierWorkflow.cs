using Pipeline.Domain.Assets;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Workflows;

namespace Pipeline.Bench;

/// <summary>The design Pipeline replaces (background 002): chunks of <c>Window</c> assets, each awaited whole before the next starts.</summary>
internal sealed class ChunkBarrierWorkflow : Workflow<FanOutRequest, int>
{
    public override async Task<int> RunAsync(IOrchestrationContext context, FanOutRequest input)
    {
        var done = 0;
        foreach (var chunk in input.Tasks.Chunk(input.Window))
        {
            var outcomes = await Task.WhenAll(chunk.Select(t => context.CallActivityAsync<AssetOutcome>(input.Activity, t.Input)));
            done += outcomes.Length;
        }

        return done;
    }
}
