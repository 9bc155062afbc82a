using System.Text.Json.Serialization;
using Pipeline.Domain.Assets;

namespace Pipeline.Domain.Status;

/// <summary>
/// An attempt of an asset that failed and was retried, in the compact form of <see cref="AssetStep.Failures"/>: when it
/// ran (whole milliseconds before the batch's time), how it failed and, when the provider named one, the Retry-After the
/// next attempt waited for.
/// </summary>
public sealed record FailedAttempt(long StartMs, AssetError Error)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long EndMs { get; init; }

    /// <summary>The provider's Retry-After in milliseconds, as honoured (cut to the retry's maximum interval); null when it named none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? RetryAfterMs { get; init; }
}
