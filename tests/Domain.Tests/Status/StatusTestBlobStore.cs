using System.Security.Cryptography;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Tests.Status;

/// <summary>An in-memory blob store that counts what is written and can be told to fail writes.</summary>
internal sealed class StatusTestBlobStore : IBlobStore
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<string, (byte[] Body, string ContentType)> blobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> writesByKey = new(StringComparer.Ordinal);

    /// <summary>When it returns true for a key, writing that key throws an <see cref="IOException"/>.</summary>
    public Func<string, bool>? FailWrite { get; set; }

    public long BytesWritten { get; private set; }

    /// <summary>How many times a blob was opened for reading.</summary>
    public int Reads { get; private set; }

    public IReadOnlyDictionary<string, int> WritesByKey
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, int>(writesByKey, StringComparer.Ordinal);
            }
        }
    }

    public IReadOnlyList<string> Keys
    {
        get
        {
            lock (gate)
            {
                return [.. blobs.Keys];
            }
        }
    }

    public async Task<BlobRef> PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        var body = await ReadAllAsync(content, cancellationToken);
        lock (gate)
        {
            return Store(key, body, contentType);
        }
    }

    public async Task<BlobRef> CreateAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        var body = await ReadAllAsync(content, cancellationToken);
        lock (gate)
        {
            return blobs.ContainsKey(key) ? throw new BlobAlreadyExistsException(key) : Store(key, body, contentType);
        }
    }

    public Task<Stream> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            Reads++;
            return blobs.TryGetValue(key, out var blob)
                ? Task.FromResult<Stream>(new MemoryStream(blob.Body, writable: false))
                : throw new BlobNotFoundException(key);
        }
    }

    public Task<BlobProperties> GetPropertiesAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return blobs.TryGetValue(key, out var blob)
                ? Task.FromResult(new BlobProperties(key, blob.Body.Length, blob.ContentType, Sha256(blob.Body), DateTimeOffset.UnixEpoch))
                : throw new BlobNotFoundException(key);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(blobs.ContainsKey(key));
        }
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(blobs.Remove(key));
        }
    }

    public Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var keys = blobs.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            keys.ForEach(k => blobs.Remove(k));
            return Task.FromResult(keys.Count);
        }
    }

    public Task<BlobPage> ListAsync(string prefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var keys = blobs.Keys
                .Where(k => k.StartsWith(prefix, StringComparison.Ordinal)
                    && (continuationToken is null || string.CompareOrdinal(k, continuationToken) > 0))
                .Take(pageSize + 1)
                .ToList();
            var more = keys.Count > pageSize;
            var page = keys.Take(pageSize).ToList();
            return Task.FromResult(new BlobPage(page, more ? page[^1] : null));
        }
    }

    private BlobRef Store(string key, byte[] body, string contentType)
    {
        if (FailWrite?.Invoke(key) == true)
        {
            throw new IOException($"Injected write failure for '{key}'.");
        }

        blobs[key] = (body, contentType);
        writesByKey[key] = writesByKey.GetValueOrDefault(key) + 1;
        BytesWritten += body.Length;
        return new BlobRef(key, body.Length, contentType, Sha256(body));
    }

    private static async Task<byte[]> ReadAllAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static string Sha256(byte[] body) => Convert.ToHexStringLower(SHA256.HashData(body));
}
