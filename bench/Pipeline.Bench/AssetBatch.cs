namespace Pipeline.Bench;

/// <summary>Input of <see cref="AssetBatchWorkflow"/>.</summary>
internal sealed record AssetBatch(string Activity, IReadOnlyList<AssetSpec> Assets);
