using System.Collections.Concurrent;
using System.Security.Cryptography;
using Pipeline.Domain.Payloads;

namespace Pipeline.Testing;

/// <summary>An <see cref="IBlobStore"/> in a dictionary, for tests of code that stores blobs; keys are validated as every store does.</summary>
public sealed class InMemoryBlobStore : IBlobStore
{
    private readonly ConcurrentDictionary<string, Entry> _blobs = new(StringComparer.Ordinal);
    private int _writes;

    private long _bytesWritten;

    /// <summary>How many bodies were written (puts and creates).</summary>
    public int Writes => _writes;

    /// <summary>How many body bytes were written in all.</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    public IReadOnlyCollection<string> Keys => _blobs.Keys.Order(StringComparer.Ordinal).ToList();

    public async Task<BlobRef> PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        var entry = await ReadAsync(key, content, contentType, cancellationToken);
        _blobs[key] = entry;
        return entry.Properties.ToRef();
    }

    public async Task<BlobRef> CreateAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        var entry = await ReadAsync(key, content, contentType, cancellationToken);
        return _blobs.TryAdd(key, entry) ? entry.Properties.ToRef() : throw new BlobAlreadyExistsException(key);
    }

    public Task<Stream> GetAsync(string key, CancellationToken cancellationToken = default)
        => Task.FromResult<Stream>(new MemoryStream(Find(key).Bytes, writable: false));

    public Task<BlobProperties> GetPropertiesAsync(string key, CancellationToken cancellationToken = default)
        => Task.FromResult(Find(key).Properties);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult(_blobs.ContainsKey(key));

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult(_blobs.TryRemove(key, out _));

    public Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
        => Task.FromResult(_blobs.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Count(k => _blobs.TryRemove(k, out _)));

    public Task<BlobPage> ListAsync(string prefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        var keys = _blobs.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Where(k => continuationToken is null || string.CompareOrdinal(k, continuationToken) > 0)
            .Order(StringComparer.Ordinal)
            .Take(pageSize + 1)
            .ToList();
        return Task.FromResult(keys.Count > pageSize
            ? new BlobPage(keys[..pageSize], keys[pageSize - 1])
            : new BlobPage(keys, null));
    }

    private Entry Find(string key) => _blobs.TryGetValue(key, out var entry) ? entry : throw new BlobNotFoundException(key);

    private async Task<Entry> ReadAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        BlobKey.Validate(key);
        Interlocked.Increment(ref _writes);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        Interlocked.Add(ref _bytesWritten, bytes.LongLength);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return new Entry(bytes, new BlobProperties(key, bytes.LongLength, contentType, sha256, DateTimeOffset.UtcNow));
    }

    private sealed record Entry(byte[] Bytes, BlobProperties Properties);
}
