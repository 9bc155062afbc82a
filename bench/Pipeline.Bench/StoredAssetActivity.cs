using Pipeline.Domain.Durable;
using Pipeline.Domain.Payloads;

namespace Pipeline.Bench;

/// <summary>Pipeline's design: the bytes stream into the blob store; only the reference comes back.</summary>
internal sealed class StoredAssetActivity(IBlobStore blobs) : Activity<AssetSpec, BlobRef>
{
    public override async Task<BlobRef> RunAsync(AssetSpec input, CancellationToken cancellationToken)
    {
        await using var body = new GeneratedAssetStream(input.Bytes, input.AssetId.Length);
        return await blobs.PutAsync(BlobKey.ForAsset(input.JobId, "bench", input.AssetId, "bin"), body, "application/octet-stream", cancellationToken);
    }
}
