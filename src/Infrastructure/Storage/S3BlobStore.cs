using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Pipeline.Domain.Payloads;

namespace Pipeline.Infrastructure.Storage;

/// <summary>
/// Blobs in an S3 bucket (AWS or an S3-compatible server). A body that fits one part
/// (<see cref="S3BlobStoreOptions.PartSizeBytes"/>) is sent with one PutObject carrying its SHA-256 in the object
/// metadata. A larger body — typically of unknown length, which PutObject cannot send — goes up as a multipart upload
/// (one part uploading while the next is read, so at most two parts in memory); because S3 fixes metadata when a
/// multipart upload starts, before the digest is known, the finished object is then copied onto itself with the
/// SHA-256 added (a server-side copy; objects over 5 GiB, beyond a single copy, keep the digest only in the returned
/// <see cref="BlobRef"/>). A conditional create checks first and sends <c>If-None-Match: *</c>, which AWS enforces
/// atomically; servers that ignore the header get only the check.
/// </summary>
public sealed class S3BlobStore : IBlobStore, IDisposable
{
    internal const string Sha256MetadataName = "sha256";

    private const string CopySourceHeader = "x-amz-copy-source";

    private const long MaxSingleCopyBytes = 5L * 1024 * 1024 * 1024;

    private readonly IAmazonS3 client;
    private readonly S3BlobStoreOptions options;
    private readonly bool ownsClient;
    private volatile bool bucketReady;

    public S3BlobStore(IAmazonS3 client, S3BlobStoreOptions options, bool ownsClient = false)
    {
        this.client = client;
        this.options = options;
        this.ownsClient = ownsClient;
        bucketReady = !options.CreateBucketIfMissing;
    }

    /// <summary>A store from settings, with its own client.</summary>
    public static S3BlobStore Create(S3BlobStoreOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.ServiceUrl is not null)
        {
            config.ServiceURL = options.ServiceUrl.AbsoluteUri.TrimEnd('/');
            config.AuthenticationRegion = options.Region ?? "us-east-1";
        }
        else if (!string.IsNullOrWhiteSpace(options.Region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        var client = string.IsNullOrEmpty(options.AccessKeyId)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey), config);
        client.BeforeRequestEvent += KeepCopySourceSlashes;
        return new S3BlobStore(client, options, ownsClient: true);
    }

    public Task<BlobRef> PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
        => WriteAsync(key, content, contentType, overwrite: true, cancellationToken);

    public Task<BlobRef> CreateAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
        => WriteAsync(key, content, contentType, overwrite: false, cancellationToken);

    public async Task<Stream> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        BlobKey.Validate(key);
        await EnsureBucketAsync(cancellationToken);
        try
        {
            var response = await client.GetObjectAsync(options.BucketName, key, cancellationToken);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            throw new BlobNotFoundException(key, exception);
        }
    }

    public async Task<BlobProperties> GetPropertiesAsync(string key, CancellationToken cancellationToken = default)
    {
        BlobKey.Validate(key);
        await EnsureBucketAsync(cancellationToken);
        try
        {
            var metadata = await client.GetObjectMetadataAsync(options.BucketName, key, cancellationToken);
            var lastModified = metadata.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.MinValue;
            return new BlobProperties(
                key,
                metadata.Headers.ContentLength,
                metadata.Headers.ContentType ?? "application/octet-stream",
                metadata.Metadata[Sha256MetadataName] ?? string.Empty,
                lastModified);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            throw new BlobNotFoundException(key, exception);
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        BlobKey.Validate(key);
        await EnsureBucketAsync(cancellationToken);
        try
        {
            await client.GetObjectMetadataAsync(options.BucketName, key, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        // S3 answers a delete the same whether or not the object existed; ask first to return what the port promises.
        if (!await ExistsAsync(key, cancellationToken))
        {
            return false;
        }

        await client.DeleteObjectAsync(options.BucketName, key, cancellationToken);
        return true;
    }

    public async Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        while (true)
        {
            // Listing from the start each time: what was deleted is gone, so the next page is what remains.
            var page = await ListAsync(prefix, null, 1000, cancellationToken);
            if (page.Keys.Count == 0)
            {
                return deleted;
            }

            var response = await client.DeleteObjectsAsync(
                new DeleteObjectsRequest
                {
                    BucketName = options.BucketName,
                    Objects = page.Keys.Select(key => new KeyVersion { Key = key }).ToList(),
                    Quiet = true,
                },
                cancellationToken);
            if (response.DeleteErrors is { Count: > 0 } errors)
            {
                throw new IOException($"Deleting {errors.Count} blobs under '{prefix}' failed; the first: '{errors[0].Key}': {errors[0].Code} {errors[0].Message}");
            }

            deleted += page.Keys.Count;
            if (page.ContinuationToken is null)
            {
                return deleted;
            }
        }
    }

    public async Task<BlobPage> ListAsync(string prefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        BlobKey.ValidatePrefix(prefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        await EnsureBucketAsync(cancellationToken);
        // ListObjects (v1) with Marker = the last key returned: the same order and pages as v2 on AWS, and it pages
        // correctly on S3-compatible servers whose v2 continuation tokens fail (s3rver on Node 20 cannot create them).
        var response = await client.ListObjectsAsync(
            new ListObjectsRequest
            {
                BucketName = options.BucketName,
                Prefix = prefix,
                MaxKeys = pageSize,
                Marker = continuationToken is null ? null : BlobStreaming.DecodeToken(continuationToken),
            },
            cancellationToken);
        var keys = (response.S3Objects ?? []).Select(item => item.Key).ToList();
        return new BlobPage(keys, response.IsTruncated == true && keys.Count > 0 ? BlobStreaming.EncodeToken(keys[^1]) : null);
    }

    public void Dispose()
    {
        if (ownsClient)
        {
            client.Dispose();
        }
    }

    private async Task<BlobRef> WriteAsync(string key, Stream content, string contentType, bool overwrite, CancellationToken cancellationToken)
    {
        BlobKey.Validate(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        if (!overwrite && await ExistsAsync(key, cancellationToken))
        {
            throw new BlobAlreadyExistsException(key);
        }

        await EnsureBucketAsync(cancellationToken);
        var partSize = options.PartSizeBytes;
        var current = ArrayPool<byte>.Shared.Rent(partSize);
        try
        {
            var read = await BlobStreaming.FillAsync(content, current.AsMemory(0, partSize), cancellationToken);
            if (read < partSize)
            {
                var sha256 = BlobStreaming.ToHex(SHA256.HashData(current.AsSpan(0, read)));
                using var body = new MemoryStream(current, 0, read, writable: false);
                var request = new PutObjectRequest
                {
                    BucketName = options.BucketName,
                    Key = key,
                    InputStream = body,
                    AutoCloseStream = false,
                    ContentType = contentType,
                    UseChunkEncoding = false,
                    IfNoneMatch = overwrite ? null : "*",
                };
                request.Metadata[Sha256MetadataName] = sha256;
                await client.PutObjectAsync(request, cancellationToken);
                return new BlobRef(key, read, contentType, sha256);
            }

            return await WriteMultipartAsync(key, content, contentType, overwrite, current, read, cancellationToken);
        }
        catch (AmazonS3Exception exception) when (!overwrite && exception.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
        {
            throw new BlobAlreadyExistsException(key, exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(current);
        }
    }

    private async Task<BlobRef> WriteMultipartAsync(string key, Stream content, string contentType, bool overwrite, byte[] first, int firstRead, CancellationToken cancellationToken)
    {
        var partSize = options.PartSizeBytes;
        var upload = await client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = options.BucketName, Key = key, ContentType = contentType },
            cancellationToken);
        var spare = ArrayPool<byte>.Shared.Rent(partSize);
        var current = first;
        var read = firstRead;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var parts = new List<Task<PartETag>>();
        try
        {
            long length = 0;
            while (read > 0)
            {
                hash.AppendData(current, 0, read);
                length += read;
                if (parts.Count > 0)
                {
                    await parts[^1];
                }

                parts.Add(UploadPartAsync(key, upload.UploadId, parts.Count + 1, current, read, cancellationToken));
                (current, spare) = (spare, current);
                read = await BlobStreaming.FillAsync(content, current.AsMemory(0, partSize), cancellationToken);
            }

            var etags = await Task.WhenAll(parts);
            var sha256 = BlobStreaming.ToHex(hash.GetHashAndReset());
            await client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest
                {
                    BucketName = options.BucketName,
                    Key = key,
                    UploadId = upload.UploadId,
                    PartETags = [.. etags],
                    IfNoneMatch = overwrite ? null : "*",
                },
                cancellationToken);

            if (length <= MaxSingleCopyBytes)
            {
                var copy = new CopyObjectRequest
                {
                    SourceBucket = options.BucketName,
                    SourceKey = key,
                    DestinationBucket = options.BucketName,
                    DestinationKey = key,
                    MetadataDirective = S3MetadataDirective.REPLACE,
                    ContentType = contentType,
                };
                copy.Metadata[Sha256MetadataName] = sha256;
                await client.CopyObjectAsync(copy, cancellationToken);
            }

            return new BlobRef(key, length, contentType, sha256);
        }
        catch
        {
            // Let an in-flight part finish reading its buffer before the buffer goes back to the pool.
            await Task.WhenAll(parts).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

            try
            {
                await client.AbortMultipartUploadAsync(options.BucketName, key, upload.UploadId, CancellationToken.None);
            }
            catch (AmazonServiceException)
            {
                // Best effort, and the original failure is what the caller needs: parts of an abandoned upload stay
                // billed until aborted, which a lifecycle rule (AbortIncompleteMultipartUpload) catches.
            }

            throw;
        }
        finally
        {
            // 'current' and 'spare' are the caller's buffer and ours in some order; return ours, the caller returns its own.
            ArrayPool<byte>.Shared.Return(ReferenceEquals(current, first) ? spare : current);
        }
    }

    private async Task<PartETag> UploadPartAsync(string key, string uploadId, int partNumber, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(buffer, 0, count, writable: false);
        var response = await client.UploadPartAsync(
            new UploadPartRequest
            {
                BucketName = options.BucketName,
                Key = key,
                UploadId = uploadId,
                PartNumber = partNumber,
                PartSize = count,
                InputStream = body,
                UseChunkEncoding = false,
            },
            cancellationToken);
        return new PartETag(partNumber, response.ETag);
    }

    /// <summary>
    /// The SDK sends <c>x-amz-copy-source</c> as <c>bucket%2Fkey</c>; S3 also accepts the documented <c>bucket/key</c>
    /// form, which S3-compatible servers that decode only with decodeURI (s3rver) need. Keys are drawn from
    /// <see cref="BlobKey"/>'s safe set, so the slashes are the only escapes. Runs before the request is signed.
    /// </summary>
    private static void KeepCopySourceSlashes(object sender, RequestEventArgs e)
    {
        if (e is WebServiceRequestEventArgs request && request.Headers.TryGetValue(CopySourceHeader, out var source))
        {
            request.Headers[CopySourceHeader] = source.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        }
    }

    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (bucketReady)
        {
            return;
        }

        try
        {
            await client.PutBucketAsync(new PutBucketRequest { BucketName = options.BucketName }, cancellationToken);
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
        }

        bucketReady = true;
    }
}
