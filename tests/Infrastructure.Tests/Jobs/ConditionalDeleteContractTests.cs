using Microsoft.Extensions.Time.Testing;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;
using Pipeline.Testing;

namespace Pipeline.Infrastructure.Tests.Jobs;

/// <summary>
/// What an undo needs from every job store: a delete that removes the record only at the version the caller wrote,
/// and an update that writes nothing when the change leaves the record as it is.
/// </summary>
public abstract class ConditionalDeleteContractTests
{
    private static readonly DateTimeOffset Epoch = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly InMemoryBlobStore _blobs = new();

    /// <summary>A new, empty backend of its own.</summary>
    protected abstract Task<IJobDocumentStore> CreateDocumentStoreAsync();

    [Fact]
    public async Task DeleteIfMatchAsync_RecordStillAtItsVersion_DeletesIt()
    {
        var repository = await CreateRepositoryAsync();
        var created = await repository.CreateAsync(NewRecord("job-undo"));

        Assert.True(await repository.DeleteIfMatchAsync("job-undo", created.ETag!));

        Assert.Null(await repository.GetAsync("job-undo"));
    }

    [Fact]
    public async Task DeleteIfMatchAsync_RecordChangedSince_KeepsItAndReturnsFalse()
    {
        var repository = await CreateRepositoryAsync();
        var created = await repository.CreateAsync(NewRecord("job-taken-over"));
        var changed = await repository.UpdateAsync("job-taken-over", r => r with { Status = JobStatus.Running });

        Assert.False(await repository.DeleteIfMatchAsync("job-taken-over", created.ETag!));

        var kept = await repository.GetAsync("job-taken-over");
        Assert.Equal(JobStatus.Running, kept!.Status);
        Assert.Equal(changed.ETag, kept.ETag);
    }

    [Fact]
    public async Task DeleteIfMatchAsync_RecordDeletedAndCreatedAgain_KeepsTheNewOne()
    {
        var repository = await CreateRepositoryAsync();
        var first = await repository.CreateAsync(NewRecord("job-again"));
        Assert.True(await repository.DeleteAsync("job-again"));
        var second = await repository.CreateAsync(NewRecord("job-again") with { Status = JobStatus.Running });

        Assert.False(await repository.DeleteIfMatchAsync("job-again", first.ETag!));

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal(JobStatus.Running, (await repository.GetAsync("job-again"))!.Status);
    }

    [Fact]
    public async Task DeleteIfMatchAsync_NoRecord_ReturnsFalse()
    {
        var repository = await CreateRepositoryAsync();
        var created = await repository.CreateAsync(NewRecord("job-there"));

        Assert.False(await repository.DeleteIfMatchAsync("job-missing", created.ETag!));

        Assert.NotNull(await repository.GetAsync("job-there"));
    }

    [Fact]
    public async Task DeleteIfMatchAsync_OverflowedManifest_RemovesItsBlobWithTheRecord()
    {
        var repository = await CreateRepositoryAsync(new JobRecordStoreOptions { MaxInlineBytes = 2048 });
        var created = await repository.CreateAsync(NewRecord("job-big") with { Manifest = Manifest("job-big", 40) });
        Assert.Contains(JobRecordStore.ManifestKey("job-big"), _blobs.Keys);

        Assert.True(await repository.DeleteIfMatchAsync("job-big", created.ETag!));

        Assert.DoesNotContain(JobRecordStore.ManifestKey("job-big"), _blobs.Keys);
    }

    [Fact]
    public async Task DeleteIfMatchAsync_OnTheBackend_DeletesOnlyAtTheGivenVersion()
    {
        var store = await CreateDocumentStoreAsync();
        var created = await store.CreateAsync(NewRecord("job-backend"));
        var replaced = await store.ReplaceAsync(created with { Status = JobStatus.Running });

        Assert.False(await store.DeleteIfMatchAsync("job-backend", created.ETag!));
        Assert.NotNull(await store.GetAsync("job-backend"));
        Assert.True(await store.DeleteIfMatchAsync("job-backend", replaced.ETag!));
        Assert.Null(await store.GetAsync("job-backend"));
    }

    [Fact]
    public async Task UpdateAsync_ChangeReturnsTheSameRecord_WritesNothing()
    {
        var repository = await CreateRepositoryAsync();
        var created = await repository.CreateAsync(NewRecord("job-untouched"));

        var returned = await repository.UpdateAsync("job-untouched", current => current);

        Assert.Equal(created.ETag, returned.ETag);
        Assert.Equal(created.ETag, (await repository.GetAsync("job-untouched"))!.ETag);
        Assert.True(await repository.DeleteIfMatchAsync("job-untouched", created.ETag!));
    }

    private async Task<JobRecordStore> CreateRepositoryAsync(JobRecordStoreOptions? options = null)
        => new(await CreateDocumentStoreAsync(), _blobs, options ?? new JobRecordStoreOptions(), new FakeTimeProvider(Epoch.AddDays(1)));

    private static JobRecord NewRecord(string id) => new()
    {
        Id = id,
        Type = JobType.LectureMedia,
        Request = new JobRequestSummary { Title = "A lecture on " + id, Sha256 = new string('0', 63) + "1" },
        CreatedAt = Epoch,
        UpdatedAt = Epoch,
    };

    private static List<AssetOutcome> Manifest(string jobId, int count)
        => [.. Enumerable.Range(0, count).Select(i => AssetOutcome.Succeeded(
            $"image-{i:0000}",
            "images",
            new BlobRef(BlobKey.ForAsset(jobId, "images", $"image-{i:0000}", "png"), 1024, "image/png", new string('a', 64))))];
}
