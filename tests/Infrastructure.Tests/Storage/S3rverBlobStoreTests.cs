using Pipeline.Domain.Payloads;
using Pipeline.Infrastructure.Storage;
using Pipeline.Infrastructure.Tests.Fixtures;

namespace Pipeline.Infrastructure.Tests.Storage;

[Collection(S3rverCollection.Name)]
public sealed class S3rverBlobStoreTests(S3rverFixture s3rver) : BlobStoreContractTests
{
    protected override bool SortsSeparatorOrdinally => false;

    /// <summary>The smallest part S3 allows, so the multipart path runs without large bodies.</summary>
    protected override Task<IBlobStore> CreateStoreAsync()
        => Task.FromResult<IBlobStore>(S3BlobStore.Create(new S3BlobStoreOptions
        {
            ServiceUrl = s3rver.ServiceUrl,
            ForcePathStyle = true,
            AccessKeyId = S3rverFixture.AccessKeyId,
            SecretAccessKey = S3rverFixture.SecretAccessKey,
            BucketName = $"b{Guid.NewGuid():N}",
            CreateBucketIfMissing = true,
            PartSizeBytes = 5 * MiB,
        }));
}
