using Microsoft.DurableTask;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Payloads;

namespace Pipeline.Testing;

/// <summary>Takes the asset's latency (real time, on the registered clock), then fails or succeeds as the asset says.</summary>
public sealed class SimulatedAssetActivity(ExecutionLog log, TimeProvider? time = null) : TaskActivity<SimulatedAsset, AssetOutcome>
{
    public override async Task<AssetOutcome> RunAsync(TaskActivityContext context, SimulatedAsset input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = log.Record(input.AssetId);
        using (log.Running())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(input.LatencyMs), time ?? TimeProvider.System);
        }

        if (input.Permanent)
        {
            return AssetOutcome.Failed(input.AssetId, "images", new AssetError(FailureKind.Permanent, "ContentPolicy", $"{input.AssetId}: prompt refused"));
        }

        return attempt <= input.TransientFailures
            ? throw new TransientAssetException(input.AssetId, $"{input.AssetId}: rate limited (attempt {attempt})")
            : AssetOutcome.Succeeded(input.AssetId, "images", new BlobRef($"jobs/x/images/{input.AssetId}.png", 1, "image/png", new string('0', 64)));
    }
}
