using Pipeline.Domain.Assets;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Payloads;
using Pipeline.Runtime.Testing;

namespace Pipeline.Testing;

/// <summary>Takes the asset's latency on the virtual clock, then fails or succeeds as the asset says.</summary>
public sealed class SimulatedAssetActivity(VirtualActivityClock clock, ExecutionLog log) : Activity<SimulatedAsset, AssetOutcome>
{
    public override async Task<AssetOutcome> RunAsync(SimulatedAsset input, CancellationToken cancellationToken)
    {
        var attempt = log.Record(input.AssetId);
        await clock.DelayAsync(TimeSpan.FromMilliseconds(input.LatencyMs), cancellationToken);
        if (input.Permanent)
        {
            return AssetOutcome.Failed(input.AssetId, "images", new AssetError(FailureKind.Permanent, "ContentPolicy", $"{input.AssetId}: prompt refused"));
        }

        return attempt <= input.TransientFailures
            ? throw new TransientAssetException(input.AssetId, $"{input.AssetId}: rate limited (attempt {attempt})")
            : AssetOutcome.Succeeded(input.AssetId, "images", new BlobRef($"jobs/x/images/{input.AssetId}.png", 1, "image/png", new string('0', 64)));
    }
}
