using System.Collections.Concurrent;
using System.Security.Cryptography;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Tests.Fakes;

/// <summary>An <see cref="IBlobStore"/> in a dictionary, with the same key validation and errors as the real stores; counts writes.</summary>
public sealed class InMemoryBlobStore : IBlobStore
{
    private readonly ConcurrentDictionary<string, (byte[] Body, string ContentType, DateTimeOffset Modified)> blobs = new(StringComparer.Ordinal);
    private int writes;

    /// <summary>How many bodies were written (puts and creates).</summary>
    public int Writes => writes;

    public IReadOnlyCollection<string> Keys => blobs.Keys.Order(StringComparer.Ordinal).ToList();

    public async Task<BlobRef> PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        BlobKey.Validate(key);
        var body = await ReadAllAsync(content, cancellationToken);
        blobs[key] = (body, contentType, DateTimeOffset.UtcNow);
        Interlocked.Increment(ref writes);
        return Describe(key, body, contentType);
    }

    public async Task<BlobRef> CreateAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        BlobKey.Validate(key);
        var body = await ReadAllAsync(content, cancellationToken);
        if (!blobs.TryAdd(key, (body, contentType, DateTimeOffset.UtcNow)))
        {
            throw new BlobAlreadyExistsException(key);
        }

        Interlocked.Increment(ref writes);
        return Describe(key, body, contentType);
    }

    public Task<Stream> GetAsync(string key, CancellationToken cancellationToken = default)
        => Task.FromResult<Stream>(new MemoryStream(Find(key).Body, writable: false));

    public Task<BlobProperties> GetPropertiesAsync(string key, CancellationToken cancellationToken = default)
    {
        var (body, contentType, modified) = Find(key);
        var reference = Describe(key, body, contentType);
        return Task.FromResult(new BlobProperties(key, reference.Length, contentType, reference.Sha256, modified));
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
        => Task.FromResult(blobs.ContainsKey(BlobKey.Validate(key)));

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
        => Task.FromResult(blobs.TryRemove(BlobKey.Validate(key), out _));

    public Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        BlobKey.ValidatePrefix(prefix);
        var deleted = blobs.Keys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal)).Count(key => blobs.TryRemove(key, out _));
        return Task.FromResult(deleted);
    }

    public Task<BlobPage> ListAsync(string prefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        BlobKey.ValidatePrefix(prefix);
        var keys = blobs.Keys
            .Where(key => key.StartsWith(prefix, StringComparison.Ordinal) && (continuationToken is null || string.CompareOrdinal(key, continuationToken) > 0))
            .Order(StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(keys.Count > pageSize
            ? new BlobPage(keys.GetRange(0, pageSize), keys[pageSize - 1])
            : new BlobPage(keys, null));
    }

    private (byte[] Body, string ContentType, DateTimeOffset Modified) Find(string key)
        => blobs.TryGetValue(BlobKey.Validate(key), out var blob) ? blob : throw new BlobNotFoundException(key);

    private static BlobRef Describe(string key, byte[] body, string contentType)
        => new(key, body.Length, contentType, Convert.ToHexStringLower(SHA256.HashData(body)));

    private static async Task<byte[]> ReadAllAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
