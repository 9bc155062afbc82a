using Pipeline.Domain.Assets;
using Pipeline.Domain.Media;

namespace Pipeline.Domain.Api;

/// <summary>
/// One asset of a job as the API shows it; <see cref="Url"/> reads its bytes when it succeeded (while the job runs too,
/// as soon as the step log has the asset).
/// </summary>
public sealed record AssetView
{
    public required string Id { get; init; }

    public required string Stage { get; init; }

    public required string Status { get; init; }

    public string? ContentType { get; init; }

    public long? Length { get; init; }

    public string? Sha256 { get; init; }

    public string? Url { get; init; }

    public AssetError? Error { get; init; }

    /// <summary>
    /// How many attempts the asset took, when the step log was read (while the job runs, or with <c>?steps=true</c>);
    /// each attempt is a step of its own there.
    /// </summary>
    public int? Attempts { get; init; }

    /// <summary>What the provider reported using for the asset (tokens, images, characters, seconds); null when nothing was reported.</summary>
    public MediaUsage? Usage { get; init; }
}
