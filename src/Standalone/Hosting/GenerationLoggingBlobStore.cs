using Pipeline.Domain.Payloads;

namespace Pipeline.Standalone.Hosting;

/// <summary>
/// Appends the key of every asset blob written (<c>jobs/{jobId}/{stage}/{assetId}.{ext}</c>) to a file, one line per
/// write, flushed at once so the lines survive the process being killed. Enabled by
/// <see cref="StandaloneOptions.GenerationLogPath"/>; everything else passes through.
/// </summary>
public sealed class GenerationLoggingBlobStore(IBlobStore inner, string path) : IBlobStore, IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task<BlobRef> PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        var written = await inner.PutAsync(key, content, contentType, cancellationToken);
        await RecordAsync(key, cancellationToken);
        return written;
    }

    public async Task<BlobRef> CreateAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        var written = await inner.CreateAsync(key, content, contentType, cancellationToken);
        await RecordAsync(key, cancellationToken);
        return written;
    }

    public Task<Stream> GetAsync(string key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

    public Task<BlobProperties> GetPropertiesAsync(string key, CancellationToken cancellationToken = default) => inner.GetPropertiesAsync(key, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => inner.ExistsAsync(key, cancellationToken);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default) => inner.DeleteByPrefixAsync(prefix, cancellationToken);

    public Task<BlobPage> ListAsync(string prefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
        => inner.ListAsync(prefix, continuationToken, pageSize, cancellationToken);

    public void Dispose() => _lock.Dispose();

    /// <summary>Asset keys have four segments under <c>jobs/</c>; status segments are not assets.</summary>
    public static bool IsAssetKey(string key)
    {
        var parts = key.Split('/');
        return parts.Length == 4 && parts[0] == "jobs" && parts[2] != "status";
    }

    private async Task RecordAsync(string key, CancellationToken cancellationToken)
    {
        if (!IsAssetKey(key))
        {
            return;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            await File.AppendAllTextAsync(path, key + "\n", cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }
}
