using System.Collections.Concurrent;
using Pipeline.Domain.Payloads;

namespace Pipeline.Testing;

/// <summary>Counts completed writes per key around any blob store: one successful generation = one write.</summary>
public sealed class CountingBlobStore(IBlobStore inner) : IBlobStore
{
    private readonly ConcurrentDictionary<string, int> _writes = new(StringComparer.Ordinal);

    public int WritesOf(string key) => _writes.GetValueOrDefault(key);

    public IReadOnlyDictionary<string, int> Writes => _writes;

    public async Task<BlobRef> PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        var stored = await inner.PutAsync(key, content, contentType, cancellationToken);
        _writes.AddOrUpdate(key, 1, (_, n) => n + 1);
        return stored;
    }

    public async Task<BlobRef> CreateAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        var stored = await inner.CreateAsync(key, content, contentType, cancellationToken);
        _writes.AddOrUpdate(key, 1, (_, n) => n + 1);
        return stored;
    }

    public Task<Stream> GetAsync(string key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

    public Task<BlobProperties> GetPropertiesAsync(string key, CancellationToken cancellationToken = default) => inner.GetPropertiesAsync(key, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => inner.ExistsAsync(key, cancellationToken);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default) => inner.DeleteByPrefixAsync(prefix, cancellationToken);

    public Task<BlobPage> ListAsync(string prefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
        => inner.ListAsync(prefix, continuationToken, pageSize, cancellationToken);
}
