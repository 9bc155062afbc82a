namespace Pipeline.Domain.Activities;

/// <summary>What every asset work item names: its job, stage and asset id (inputs stay small: content is read from blobs).</summary>
public abstract record AssetItem
{
    public required string JobId { get; init; }

    public required string Stage { get; init; }

    public required string AssetId { get; init; }
}
