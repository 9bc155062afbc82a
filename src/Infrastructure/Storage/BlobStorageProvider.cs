namespace Pipeline.Infrastructure.Storage;

/// <summary>Which backend holds blobs.</summary>
public enum BlobStorageProvider
{
    FileSystem,
    AzureBlob,
    S3,
}
