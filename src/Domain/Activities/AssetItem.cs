using System.Text.Json.Serialization;

namespace Pipeline.Domain.Activities;

/// <summary>
/// What every asset work item names: its job, stage and asset id (inputs stay small: content is read from blobs), and
/// from the second try on the attempt the fan-out runs.
/// </summary>
public abstract record AssetItem : IAttemptNumbered
{
    public required string JobId { get; init; }

    public required string Stage { get; init; }

    public required string AssetId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Attempt { get; init; }
}
