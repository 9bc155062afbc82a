namespace Pipeline.Domain.Payloads;

/// <summary>
/// Blob storage for assets and offloaded payloads (Azure Blob, S3, or the filesystem). Keys are validated by
/// <see cref="BlobKey"/> on every backend. Bodies are streamed, never buffered whole.
/// </summary>
public interface IBlobStore
{
    /// <summary>Writes (or overwrites) a blob from a stream of possibly unknown length; records its content type and SHA-256.</summary>
    Task<BlobRef> PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>Writes a blob only if no blob has the key; otherwise throws <see cref="BlobAlreadyExistsException"/>.</summary>
    Task<BlobRef> CreateAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>Opens a blob for reading; throws <see cref="BlobNotFoundException"/> when it is missing.</summary>
    Task<Stream> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The blob's properties; throws <see cref="BlobNotFoundException"/> when it is missing.</summary>
    Task<BlobProperties> GetPropertiesAsync(string key, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes a blob; returns false when there was none.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes every blob whose key starts with <paramref name="prefix"/>; returns how many.</summary>
    Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>One page of keys starting with <paramref name="prefix"/>, in ordinal order.</summary>
    Task<BlobPage> ListAsync(string prefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default);
}
