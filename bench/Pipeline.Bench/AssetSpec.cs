namespace Pipeline.Bench;

/// <summary>One asset of the claim-check benchmark: which job, which asset, how many bytes.</summary>
internal sealed record AssetSpec(string JobId, string AssetId, long Bytes);
