using Pipeline.Domain.Durable;

namespace Pipeline.Bench;

/// <summary>The naive design: the asset's bytes travel back as base64 in the activity result.</summary>
internal sealed class InlineAssetActivity : Activity<AssetSpec, string>
{
    public override async Task<string> RunAsync(AssetSpec input, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await new GeneratedAssetStream(input.Bytes, input.AssetId.Length).CopyToAsync(buffer, cancellationToken);
        return Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
