namespace Pipeline.Domain.Payloads;

/// <summary>What a store knows about a blob without reading it.</summary>
public sealed record BlobProperties(string Key, long Length, string ContentType, string Sha256, DateTimeOffset LastModified)
{
    public BlobRef ToRef() => new(Key, Length, ContentType, Sha256);
}
