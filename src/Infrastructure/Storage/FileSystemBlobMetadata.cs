namespace Pipeline.Infrastructure.Storage;

/// <summary>The sidecar the filesystem store keeps next to each blob: what the other stores keep in blob metadata.</summary>
internal sealed record FileSystemBlobMetadata
{
    public required long Length { get; init; }

    public required string ContentType { get; init; }

    public required string Sha256 { get; init; }
}
