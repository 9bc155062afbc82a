using Pipeline.Domain.Durable;

namespace Pipeline.Bench;

/// <summary>Runs one activity per asset (the activity named in the input) and returns how many finished.</summary>
internal sealed class AssetBatchWorkflow : Workflow<AssetBatch, int>
{
    public override async Task<int> RunAsync(IOrchestrationContext context, AssetBatch input)
    {
        var results = await Task.WhenAll(input.Assets.Select(a => context.CallActivityAsync<object>(input.Activity, a)));
        return results.Length;
    }
}
