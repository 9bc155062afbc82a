using System.Security.Cryptography;
using System.Text.Json;
using Pipeline.Domain.Payloads;

namespace Pipeline.Infrastructure.Storage;

/// <summary>
/// Blobs as files under a root folder: <c>blobs/{key}</c> holds the bytes, <c>meta/{key}</c> a small JSON sidecar
/// (length, content type, SHA-256), <c>.tmp/</c> uploads in progress. A write streams into a temporary file and is
/// renamed into place, so readers see the old blob or the new one, never a partial one; a conditional create renames
/// without overwrite, which fails atomically when the blob exists. Keys map to paths, so one key cannot also be the
/// folder of another (<c>a</c> and <c>a/b</c>), unlike on Azure Blob and S3.
/// </summary>
public sealed class FileSystemBlobStore : IBlobStore
{
    private const int CopyBufferSize = 1024 * 1024;
    private const string FallbackContentType = "application/octet-stream";

    private static readonly JsonSerializerOptions MetadataJson = new(JsonSerializerDefaults.Web);

    private readonly string blobsRoot;
    private readonly string metaRoot;
    private readonly string tempRoot;

    public FileSystemBlobStore(FileSystemBlobStoreOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.RootPath, "Pipeline:Storage:FileSystem:RootPath");
        var root = Path.GetFullPath(options.RootPath);
        blobsRoot = Path.Combine(root, "blobs");
        metaRoot = Path.Combine(root, "meta");
        tempRoot = Path.Combine(root, ".tmp");
        Directory.CreateDirectory(blobsRoot);
        Directory.CreateDirectory(metaRoot);
        Directory.CreateDirectory(tempRoot);
    }

    public Task<BlobRef> PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
        => WriteAsync(key, content, contentType, overwrite: true, cancellationToken);

    public Task<BlobRef> CreateAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
        => WriteAsync(key, content, contentType, overwrite: false, cancellationToken);

    public Task<Stream> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = BlobPath(key);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult(stream);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BlobNotFoundException(key, exception);
        }
    }

    public async Task<BlobProperties> GetPropertiesAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = BlobPath(key);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new BlobNotFoundException(key);
        }

        var metadata = await ReadMetadataAsync(key, cancellationToken);
        if (metadata is null || metadata.Length != file.Length)
        {
            // No sidecar (a crash between the two renames, or a file put there by hand): describe the bytes as they are.
            await using var stream = await GetAsync(key, cancellationToken);
            var digest = await SHA256.HashDataAsync(stream, cancellationToken);
            metadata = new FileSystemBlobMetadata { Length = file.Length, ContentType = metadata?.ContentType ?? FallbackContentType, Sha256 = BlobStreaming.ToHex(digest) };
        }

        return new BlobProperties(key, metadata.Length, metadata.ContentType, metadata.Sha256, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = BlobPath(key);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(File.Exists(path));
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = BlobPath(key);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(DeleteFiles(key, path));
    }

    public async Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        while (true)
        {
            var page = await ListAsync(prefix, null, 1000, cancellationToken);
            foreach (var key in page.Keys)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (DeleteFiles(key, BlobPath(key)))
                {
                    deleted++;
                }
            }

            if (page.ContinuationToken is null)
            {
                return deleted;
            }
        }
    }

    public Task<BlobPage> ListAsync(string prefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        BlobKey.ValidatePrefix(prefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var after = continuationToken is null ? null : BlobStreaming.DecodeToken(continuationToken);

        // Enumerate only the deepest folder the prefix names; the last, partial segment filters its entries.
        var folderPart = prefix[..(prefix.LastIndexOf('/') + 1)];
        var folder = folderPart.Length == 0 ? blobsRoot : ResolveUnder(blobsRoot, folderPart.TrimEnd('/'), prefix);
        var keys = new List<string>();
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var key = Path.GetRelativePath(blobsRoot, file).Replace(Path.DirectorySeparatorChar, '/');
                if (key.StartsWith(prefix, StringComparison.Ordinal) && (after is null || string.CompareOrdinal(key, after) > 0))
                {
                    keys.Add(key);
                }
            }
        }

        keys.Sort(StringComparer.Ordinal);
        if (keys.Count <= pageSize)
        {
            return Task.FromResult(new BlobPage(keys, null));
        }

        var page = keys.GetRange(0, pageSize);
        return Task.FromResult(new BlobPage(page, BlobStreaming.EncodeToken(page[^1])));
    }

    private async Task<BlobRef> WriteAsync(string key, Stream content, string contentType, bool overwrite, CancellationToken cancellationToken)
    {
        var blobPath = BlobPath(key);
        var metaPath = ResolveUnder(metaRoot, key, key);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        if (!overwrite && File.Exists(blobPath))
        {
            // Fail before streaming the body; the rename below is what makes the create atomic.
            throw new BlobAlreadyExistsException(key);
        }

        var tempData = Path.Combine(tempRoot, Guid.NewGuid().ToString("N"));
        var tempMeta = tempData + ".meta";
        try
        {
            long length;
            string sha256;
            await using (var file = new FileStream(tempData, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous))
            {
                (length, sha256) = await BlobStreaming.CopyHashingAsync(content, file, CopyBufferSize, cancellationToken);
            }

            var metadata = new FileSystemBlobMetadata { Length = length, ContentType = contentType, Sha256 = sha256 };
            await File.WriteAllBytesAsync(tempMeta, JsonSerializer.SerializeToUtf8Bytes(metadata, MetadataJson), cancellationToken);

            cancellationToken.ThrowIfCancellationRequested();
            if (!MoveIntoPlace(tempData, blobPath, overwrite))
            {
                throw new BlobAlreadyExistsException(key);
            }

            MoveIntoPlace(tempMeta, metaPath, overwrite: true);
            return new BlobRef(key, length, contentType, sha256);
        }
        finally
        {
            File.Delete(tempData);
            File.Delete(tempMeta);
        }
    }

    /// <summary>Renames a finished temporary file to its place; false when not overwriting and the target exists.</summary>
    private static bool MoveIntoPlace(string source, string target, bool overwrite)
    {
        for (var attempt = 1; ; attempt++)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            try
            {
                // Without overwrite .NET links the new name (fails if it exists) then unlinks the old: atomic on POSIX.
                File.Move(source, target, overwrite);
                return true;
            }
            catch (DirectoryNotFoundException) when (attempt < 3)
            {
                // A concurrent delete pruned the (then empty) folder between CreateDirectory and Move; make it again.
            }
            catch (IOException) when (!overwrite && File.Exists(target))
            {
                return false;
            }
        }
    }

    private bool DeleteFiles(string key, string blobPath)
    {
        var existed = File.Exists(blobPath);
        var metaPath = ResolveUnder(metaRoot, key, key);
        try
        {
            File.Delete(blobPath);
            File.Delete(metaPath);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone, with its folder.
        }

        PruneEmptyFolders(Path.GetDirectoryName(blobPath)!, blobsRoot);
        PruneEmptyFolders(Path.GetDirectoryName(metaPath)!, metaRoot);
        return existed;
    }

    private static void PruneEmptyFolders(string folder, string root)
    {
        while (folder.Length > root.Length && folder.StartsWith(root, StringComparison.Ordinal))
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    return;
                }

                Directory.Delete(folder);
            }
            catch (IOException)
            {
                return; // Not empty any more (a concurrent write) or already gone: either way, stop.
            }

            folder = Path.GetDirectoryName(folder)!;
        }
    }

    private async Task<FileSystemBlobMetadata?> ReadMetadataAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(ResolveUnder(metaRoot, key, key));
            return await JsonSerializer.DeserializeAsync<FileSystemBlobMetadata>(stream, MetadataJson, cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    private string BlobPath(string key) => ResolveUnder(blobsRoot, BlobKey.Validate(key), key);

    /// <summary>The path of <paramref name="relative"/> under <paramref name="root"/>; refuses anything that would resolve outside it.</summary>
    private static string ResolveUnder(string root, string relative, string key)
    {
        var path = Path.GetFullPath(Path.Join(root, relative));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Blob key '{key}' resolves outside the store's root folder.", nameof(key));
        }

        return path;
    }
}
