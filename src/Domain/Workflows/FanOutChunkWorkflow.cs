using Pipeline.Domain.Assets;
using Pipeline.Domain.Durable;

namespace Pipeline.Domain.Workflows;

/// <summary>One chunk of a split stage: the same sliding window over at most <c>ChunkSize</c> assets, in its own history.</summary>
public sealed class FanOutChunkWorkflow : Workflow<FanOutRequest, List<AssetOutcome>>
{
    public override async Task<List<AssetOutcome>> RunAsync(IOrchestrationContext context, FanOutRequest input)
        => [.. await context.FanOutAsync(input)];
}
