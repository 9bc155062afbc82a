using Pipeline.Domain.Payloads;
using Pipeline.Infrastructure.Storage;
using Pipeline.Infrastructure.Tests.Fixtures;

namespace Pipeline.Infrastructure.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteBlobStoreTests(AzuriteFixture azurite) : BlobStoreContractTests
{
    /// <summary>Small blocks so the multi-block path runs without large bodies.</summary>
    protected override Task<IBlobStore> CreateStoreAsync()
        => Task.FromResult<IBlobStore>(AzureBlobStore.Create(new AzureBlobStoreOptions
        {
            ConnectionString = azurite.ConnectionString,
            ContainerName = $"c{Guid.NewGuid():N}",
            BlockSizeBytes = 4 * MiB,
        }));
}
