namespace Pipeline.Domain.Api;

/// <summary>A response body that is a blob's bytes: the stream (the host disposes it) and what it is.</summary>
public sealed record ApiContent
{
    public required Stream Stream { get; init; }

    public required string ContentType { get; init; }

    public required long Length { get; init; }

    /// <summary>Lower-case hex SHA-256 of the bytes; hosts send it as the entity tag.</summary>
    public required string Sha256 { get; init; }

    /// <summary>A file name for downloads, e.g. <c>seg-0-image-1.png</c>.</summary>
    public required string FileName { get; init; }
}
