using System.Text.Json.Serialization;
using Pipeline.Domain.Assets;

namespace Pipeline.Domain.Status;

/// <summary>
/// An attempt of an asset that failed and was retried, in the compact form of <see cref="AssetStep.Failures"/>: when it
/// ran (whole milliseconds before the batch's time) and how it failed.
/// </summary>
public sealed record FailedAttempt(long StartMs, AssetError Error)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long EndMs { get; init; }
}
