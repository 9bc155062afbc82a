using Pipeline.Domain.Assets;

namespace Pipeline.Domain.Api;

/// <summary>One asset of a job as the API shows it; <see cref="Url"/> reads its bytes when it succeeded.</summary>
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
}
