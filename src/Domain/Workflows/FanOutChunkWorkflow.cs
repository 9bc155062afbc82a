using Pipeline.Domain.Assets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;

namespace Pipeline.Domain.Workflows;

/// <summary>One chunk of a split stage: the same sliding window over at most <c>ChunkSize</c> assets, in its own history.</summary>
public sealed class FanOutChunkWorkflow : TaskOrchestrator<FanOutRequest, List<AssetOutcome>>
{
    public override async Task<List<AssetOutcome>> RunAsync(TaskOrchestrationContext context, FanOutRequest input)
        => [.. await context.FanOutAsync(input)];
}
