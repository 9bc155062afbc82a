using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Workflows;

namespace Pipeline.Functions.Orchestrators;

/// <summary>One chunk of a split stage (<see cref="FanOutChunkWorkflow"/>).</summary>
public static class FanOutChunkWorkflowFunction
{
    [Function(nameof(FanOutChunkWorkflow))]
    public static Task<List<AssetOutcome>> Run([OrchestrationTrigger] TaskOrchestrationContext context)
        => new FanOutChunkWorkflow().RunAsync(context, context.GetInput<FanOutRequest>()!);
}
