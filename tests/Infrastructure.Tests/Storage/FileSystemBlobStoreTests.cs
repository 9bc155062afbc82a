using Pipeline.Domain.Payloads;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Infrastructure.Tests.Storage;

public sealed class FileSystemBlobStoreTests : BlobStoreContractTests
{
    private readonly string root = Directory.CreateTempSubdirectory("pipeline-fs-store-").FullName;

    protected override Task<IBlobStore> CreateStoreAsync()
        => Task.FromResult<IBlobStore>(new FileSystemBlobStore(new FileSystemBlobStoreOptions { RootPath = root }));

    protected override Task DisposeStoreAsync(IBlobStore blobStore)
    {
        Directory.Delete(root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PutAsync_SourceFailsMidway_LeavesNoTemporaryFiles()
    {
        await using var failing = new GeneratedStream(3L * MiB, failAfter: MiB);

        await Assert.ThrowsAsync<IOException>(() => Store.PutAsync("jobs/j-1/a/b.bin", failing, "application/octet-stream", Ct));

        Assert.Empty(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task DeleteAsync_LastBlobOfAFolder_RemovesTheEmptyFolders()
    {
        await Store.PutAsync("jobs/j-1/images/a.png", new MemoryStream([1]), "image/png", Ct);

        await Store.DeleteAsync("jobs/j-1/images/a.png", Ct);

        Assert.False(Directory.Exists(Path.Combine(root, "blobs", "jobs")));
    }

    [Fact]
    public async Task GetPropertiesAsync_SidecarMissing_DescribesTheBytesAsTheyAre()
    {
        var stored = await Store.PutAsync("x/y.bin", new MemoryStream([1, 2, 3]), "image/png", Ct);
        File.Delete(Path.Combine(root, "meta", "x", "y.bin"));

        var properties = await Store.GetPropertiesAsync("x/y.bin", Ct);

        Assert.Equal(stored.Sha256, properties.Sha256);
        Assert.Equal(3, properties.Length);
        Assert.Equal("application/octet-stream", properties.ContentType);
    }
}
