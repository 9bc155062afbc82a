using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Pipeline.Domain.Payloads;
using BlobProperties = Pipeline.Domain.Payloads.BlobProperties;

namespace Pipeline.Infrastructure.Storage;

/// <summary>
/// Blobs in an Azure Storage container (created on first use). A body is read in blocks of
/// <see cref="AzureBlobStoreOptions.BlockSizeBytes"/>: a body that fits one block is uploaded in one request, a larger
/// one is staged block by block (one block uploading while the next is read, so at most two blocks in memory) and
/// committed with its SHA-256 (computed while streaming) in the metadata and its content type in the headers.
/// A conditional create commits with <c>If-None-Match: *</c>.
/// </summary>
public sealed class AzureBlobStore : IBlobStore
{
    internal const string Sha256MetadataName = "sha256";

    private readonly BlobContainerClient container;
    private readonly int blockSize;
    private volatile bool containerReady;

    public AzureBlobStore(BlobContainerClient container, int blockSizeBytes = 8 * 1024 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSizeBytes, 1024);
        this.container = container;
        blockSize = blockSizeBytes;
    }

    /// <summary>A store from settings: a connection string, or the account endpoint with <see cref="DefaultAzureCredential"/>.</summary>
    public static AzureBlobStore Create(AzureBlobStoreOptions options)
    {
        var service = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobServiceClient(
                options.ServiceUri ?? throw new ArgumentException("Set Pipeline:Storage:AzureBlob:ConnectionString or Pipeline:Storage:AzureBlob:ServiceUri.", nameof(options)),
                new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ManagedIdentityClientId }))
            : new BlobServiceClient(options.ConnectionString);
        return new AzureBlobStore(service.GetBlobContainerClient(options.ContainerName), options.BlockSizeBytes);
    }

    public Task<BlobRef> PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
        => WriteAsync(key, content, contentType, overwrite: true, cancellationToken);

    public Task<BlobRef> CreateAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
        => WriteAsync(key, content, contentType, overwrite: false, cancellationToken);

    public async Task<Stream> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var blob = Blob(key);
        try
        {
            var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
            return download.Value.Content;
        }
        catch (RequestFailedException exception) when (exception.Status == (int)HttpStatusCode.NotFound)
        {
            throw new BlobNotFoundException(key, exception);
        }
    }

    public async Task<BlobProperties> GetPropertiesAsync(string key, CancellationToken cancellationToken = default)
    {
        var blob = Blob(key);
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            properties.Metadata.TryGetValue(Sha256MetadataName, out var sha256);
            return new BlobProperties(key, properties.ContentLength, properties.ContentType ?? "application/octet-stream", sha256 ?? string.Empty, properties.LastModified);
        }
        catch (RequestFailedException exception) when (exception.Status == (int)HttpStatusCode.NotFound)
        {
            throw new BlobNotFoundException(key, exception);
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        var blob = Blob(key);
        try
        {
            return (await blob.ExistsAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException exception) when (exception.Status == (int)HttpStatusCode.NotFound)
        {
            return false; // the container itself is missing
        }
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var blob = Blob(key);
        try
        {
            return (await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException exception) when (exception.Status == (int)HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        string? continuation = null;
        do
        {
            var page = await ListAsync(prefix, continuation, 1000, cancellationToken);
            await Parallel.ForEachAsync(
                page.Keys,
                new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (key, token) =>
                {
                    if (await DeleteAsync(key, token))
                    {
                        Interlocked.Increment(ref deleted);
                    }
                });
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        return deleted;
    }

    public async Task<BlobPage> ListAsync(string prefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        BlobKey.ValidatePrefix(prefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        await EnsureContainerAsync(cancellationToken);
        var options = new GetBlobsOptions { Prefix = prefix.Length == 0 ? null : prefix };
        await foreach (var page in container.GetBlobsAsync(options, cancellationToken).AsPages(continuationToken, pageSize))
        {
            var keys = page.Values.Select(item => item.Name).ToList();
            return new BlobPage(keys, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return new BlobPage([], null);
    }

    private async Task<BlobRef> WriteAsync(string key, Stream content, string contentType, bool overwrite, CancellationToken cancellationToken)
    {
        var blob = Blob(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        await EnsureContainerAsync(cancellationToken);
        if (!overwrite && await ExistsAsync(key, cancellationToken))
        {
            // Fail before streaming the body; the If-None-Match condition on the write is what makes the create safe.
            throw new BlobAlreadyExistsException(key);
        }

        var headers = new BlobHttpHeaders { ContentType = contentType };
        var conditions = overwrite ? null : new BlobRequestConditions { IfNoneMatch = ETag.All };
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var current = ArrayPool<byte>.Shared.Rent(blockSize);
        byte[]? spare = null;
        Task? staging = null;
        try
        {
            var read = await BlobStreaming.FillAsync(content, current.AsMemory(0, blockSize), cancellationToken);
            if (read < blockSize)
            {
                hash.AppendData(current, 0, read);
                var sha256 = BlobStreaming.ToHex(hash.GetHashAndReset());
                using var body = new MemoryStream(current, 0, read, writable: false);
                await blob.UploadAsync(
                    body,
                    new BlobUploadOptions
                    {
                        HttpHeaders = headers,
                        Metadata = new Dictionary<string, string> { [Sha256MetadataName] = sha256 },
                        Conditions = conditions,
                        TransferOptions = new() { InitialTransferSize = blockSize, MaximumTransferSize = blockSize, MaximumConcurrency = 1 },
                    },
                    cancellationToken);
                return new BlobRef(key, read, contentType, sha256);
            }

            spare = ArrayPool<byte>.Shared.Rent(blockSize);
            var uploadId = Guid.NewGuid();
            var blockIds = new List<string>();
            long length = 0;
            while (read > 0)
            {
                hash.AppendData(current, 0, read);
                length += read;
                if (staging is not null)
                {
                    await staging;
                }

                var blockId = BlockId(uploadId, blockIds.Count);
                blockIds.Add(blockId);
                staging = StageAsync(blob, blockId, current, read, cancellationToken);
                (current, spare) = (spare, current);
                read = await BlobStreaming.FillAsync(content, current.AsMemory(0, blockSize), cancellationToken);
            }

            await staging!;
            var digest = BlobStreaming.ToHex(hash.GetHashAndReset());
            await blob.CommitBlockListAsync(
                blockIds,
                new CommitBlockListOptions
                {
                    HttpHeaders = headers,
                    Metadata = new Dictionary<string, string> { [Sha256MetadataName] = digest },
                    Conditions = conditions,
                },
                cancellationToken);
            return new BlobRef(key, length, contentType, digest);
        }
        catch (RequestFailedException exception) when (!overwrite && exception.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            throw new BlobAlreadyExistsException(key, exception);
        }
        finally
        {
            if (staging is { IsCompleted: false })
            {
                // Let an in-flight block finish reading its buffer before the buffer goes back to the pool.
                await staging.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            ArrayPool<byte>.Shared.Return(current);
            if (spare is not null)
            {
                ArrayPool<byte>.Shared.Return(spare);
            }
        }
    }

    private static async Task StageAsync(BlockBlobClient blob, string blockId, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        using var block = new MemoryStream(buffer, 0, count, writable: false);
        await blob.StageBlockAsync(blockId, block, options: null, cancellationToken);
    }

    /// <summary>Block ids must have one length within a blob; a per-upload prefix keeps concurrent writers' blocks apart.</summary>
    private static string BlockId(Guid uploadId, int index)
    {
        Span<byte> bytes = stackalloc byte[20];
        uploadId.TryWriteBytes(bytes);
        BitConverter.TryWriteBytes(bytes[16..], index);
        return Convert.ToBase64String(bytes);
    }

    private BlockBlobClient Blob(string key) => container.GetBlockBlobClient(BlobKey.Validate(key));

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (containerReady)
        {
            return;
        }

        // Idempotent: concurrent first calls may both ask; the service answers "exists" to the later one.
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        containerReady = true;
    }
}
