using Microsoft.Extensions.Time.Testing;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;
using Pipeline.Infrastructure.Tests.Fakes;
using Pipeline.Testing;

namespace Pipeline.Infrastructure.Tests.Jobs;

/// <summary>
/// The behaviour every job store backend must have, through <see cref="JobRecordStore"/> (the repository callers use)
/// and directly on the backend's <see cref="IJobDocumentStore"/> where the backend itself is what is checked.
/// </summary>
public abstract class JobRepositoryContractTests
{
    private static readonly DateTimeOffset Epoch = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    protected InMemoryBlobStore Blobs { get; } = new();

    protected FakeTimeProvider Time { get; } = new(Epoch.AddDays(1));

    /// <summary>A new, empty backend of its own: no records of other tests.</summary>
    protected abstract Task<IJobDocumentStore> CreateDocumentStoreAsync();

    [Fact]
    public async Task CreateAsync_NewRecord_GetReturnsItWithAnETag()
    {
        var (repository, _) = await CreateRepositoryAsync();
        var record = NewRecord("job-create") with
        {
            Manifest = [AssetOutcome.Succeeded("img-1", "images", new BlobRef("jobs/job-create/images/img-1.png", 42, "image/png", new string('a', 64)))],
            Error = new JobError { Type = "None", Message = "none" },
            CompletedAt = Epoch.AddMinutes(3),
        };

        var created = await repository.CreateAsync(record);
        var read = await repository.GetAsync("job-create");

        Assert.False(string.IsNullOrEmpty(created.ETag));
        Assert.NotNull(read);
        Assert.Equal(created.ETag, read.ETag);
        AssertSameRecord(record, read);
    }

    [Fact]
    public async Task CreateAsync_IdTaken_ThrowsJobAlreadyExistsAndKeepsTheFirst()
    {
        var (repository, _) = await CreateRepositoryAsync();
        await repository.CreateAsync(NewRecord("job-twice") with { Request = Summary("first") });

        var error = await Assert.ThrowsAsync<JobAlreadyExistsException>(
            () => repository.CreateAsync(NewRecord("job-twice") with { Request = Summary("second") }));

        Assert.Equal("job-twice", error.JobId);
        Assert.Equal("first", (await repository.GetAsync("job-twice"))!.Request.Title);
    }

    [Fact]
    public async Task GetAsync_MissingId_ReturnsNull()
    {
        var (repository, _) = await CreateRepositoryAsync();
        await repository.CreateAsync(NewRecord("job-present"));

        Assert.Null(await repository.GetAsync("job-absent"));
    }

    [Fact]
    public async Task UpdateAsync_Change_StoresItWithNewETagAndUpdatedAt()
    {
        var (repository, _) = await CreateRepositoryAsync();
        var created = await repository.CreateAsync(NewRecord("job-update"));
        Time.Advance(TimeSpan.FromMinutes(5));

        var updated = await repository.UpdateAsync("job-update", r => r with
        {
            Status = JobStatus.Completed,
            Progress = new JobProgress { Total = 3, Succeeded = 2, Failed = 1 },
            CompletedAt = Epoch.AddMinutes(5),
        });
        var read = await repository.GetAsync("job-update");

        Assert.NotEqual(created.ETag, updated.ETag);
        Assert.Equal(updated.ETag, read!.ETag);
        Assert.Equal(JobStatus.Completed, read.Status);
        Assert.Equal(new JobProgress { Total = 3, Succeeded = 2, Failed = 1 }, read.Progress);
        Assert.Equal(Time.GetUtcNow(), read.UpdatedAt);
        Assert.Equal(created.CreatedAt, read.CreatedAt);
    }

    [Fact]
    public async Task UpdateAsync_MissingId_ThrowsJobNotFound()
    {
        var (repository, _) = await CreateRepositoryAsync();

        var error = await Assert.ThrowsAsync<JobNotFoundException>(() => repository.UpdateAsync("job-nowhere", r => r));

        Assert.Equal("job-nowhere", error.JobId);
    }

    [Fact]
    public async Task ReplaceAsync_StaleETag_ThrowsETagMismatchAndKeepsTheNewerVersion()
    {
        var store = await CreateDocumentStoreAsync();
        var created = await store.CreateAsync(NewRecord("job-stale"));
        await store.ReplaceAsync(created with { Status = JobStatus.Running });

        await Assert.ThrowsAsync<JobETagMismatchException>(() => store.ReplaceAsync(created with { Status = JobStatus.Failed }));

        Assert.Equal(JobStatus.Running, (await store.GetAsync("job-stale"))!.Status);
    }

    [Fact]
    public async Task ReplaceAsync_RecordDeletedMeanwhile_ThrowsJobNotFound()
    {
        var store = await CreateDocumentStoreAsync();
        var created = await store.CreateAsync(NewRecord("job-vanished"));
        await store.DeleteAsync("job-vanished");

        var error = await Assert.ThrowsAsync<JobNotFoundException>(() => store.ReplaceAsync(created with { Status = JobStatus.Running }));

        Assert.Equal("job-vanished", error.JobId);
    }

    [Fact]
    public async Task UpdateAsync_OtherWriterBetweenReadAndWrite_ReappliesChangeToTheNewVersion()
    {
        var store = await CreateDocumentStoreAsync();
        var interfering = new InterferingJobDocumentStore(store, IncrementSucceeded) { Interferences = 1 };
        var repository = new JobRecordStore(interfering, Blobs, new JobRecordStoreOptions(), Time);
        await repository.CreateAsync(NewRecord("job-race"));
        var calls = 0;

        var updated = await repository.UpdateAsync("job-race", r =>
        {
            calls++;
            return IncrementSucceeded(r);
        });

        Assert.Equal(2, calls);
        Assert.Equal(2, updated.Progress.Succeeded);
        Assert.Equal(2, (await repository.GetAsync("job-race"))!.Progress.Succeeded);
    }

    [Fact]
    public async Task UpdateAsync_LosesEveryAttempt_ThrowsJobUpdateConflictAfterTheBound()
    {
        var store = await CreateDocumentStoreAsync();
        var interfering = new InterferingJobDocumentStore(store, IncrementSucceeded) { Interferences = int.MaxValue };
        var repository = new JobRecordStore(interfering, Blobs, new JobRecordStoreOptions { MaxUpdateAttempts = 3 }, Time);
        await repository.CreateAsync(NewRecord("job-hopeless"));

        var error = await Assert.ThrowsAsync<JobUpdateConflictException>(
            () => repository.UpdateAsync("job-hopeless", r => r with { Status = JobStatus.Failed }));

        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, interfering.Replaces);
        var stored = await repository.GetAsync("job-hopeless");
        Assert.Equal(JobStatus.Pending, stored!.Status);
        Assert.Equal(3, stored.Progress.Succeeded);
    }

    [Fact]
    public async Task UpdateAsync_TwoConcurrentWritersIncrementing_LoseNoUpdate()
    {
        const int perWriter = 20;
        var (repository, _) = await CreateRepositoryAsync(new JobRecordStoreOptions { MaxUpdateAttempts = 2 * perWriter + 1 });
        await repository.CreateAsync(NewRecord("job-counter"));

        async Task WriteAsync(Func<JobRecord, JobRecord> increment)
        {
            await Task.Yield();
            for (var i = 0; i < perWriter; i++)
            {
                await repository.UpdateAsync("job-counter", increment);
            }
        }

        await Task.WhenAll(
            Task.Run(() => WriteAsync(IncrementSucceeded)),
            Task.Run(() => WriteAsync(r => r with { Progress = r.Progress with { Total = r.Progress.Total + 1, Failed = r.Progress.Failed + 1 } })));

        var progress = (await repository.GetAsync("job-counter"))!.Progress;
        Assert.Equal(perWriter, progress.Succeeded);
        Assert.Equal(perWriter, progress.Failed);
        Assert.Equal(2 * perWriter, progress.Total);
    }

    [Fact]
    public async Task ListAsync_PagesOfTwo_ReturnNewestFirstWithoutDuplicatesOrGaps()
    {
        var (repository, expected) = await SeedListAsync();

        var pages = await ReadAllPagesAsync(repository, new JobQuery { Limit = 2 });

        Assert.True(pages.Count > 2, $"expected more than 2 pages, got {pages.Count}");
        Assert.All(pages.SkipLast(1), page => Assert.Equal(2, page.Count));
        Assert.Equal(expected.Select(r => r.Id), pages.SelectMany(p => p));
    }

    [Fact]
    public async Task ListAsync_StatusFilter_ReturnsOnlyThatStatusInOrder()
    {
        var (repository, expected) = await SeedListAsync();

        var pages = await ReadAllPagesAsync(repository, new JobQuery { Status = JobStatus.Running, Limit = 2 });

        Assert.Equal(expected.Where(r => r.Status == JobStatus.Running).Select(r => r.Id), pages.SelectMany(p => p));
    }

    [Fact]
    public async Task ListAsync_TypeAndStatusFilters_ReturnOnlyMatchingRecordsInOrder()
    {
        var (repository, expected) = await SeedListAsync();

        var byType = await ReadAllPagesAsync(repository, new JobQuery { Type = JobType.PodcastEpisode, Limit = 1 });
        var both = await ReadAllPagesAsync(repository, new JobQuery { Type = JobType.LectureMedia, Status = JobStatus.Completed, Limit = 10 });

        Assert.Equal(expected.Where(r => r.Type == JobType.PodcastEpisode).Select(r => r.Id), byType.SelectMany(p => p));
        Assert.Equal(
            expected.Where(r => r is { Type: JobType.LectureMedia, Status: JobStatus.Completed }).Select(r => r.Id),
            Assert.Single(both));
    }

    [Fact]
    public async Task ListAsync_RecordsCreatedAfterTheFirstPage_DoNotShiftLaterPages()
    {
        var (repository, expected) = await SeedListAsync();
        var first = await repository.ListAsync(new JobQuery { Limit = 3 });
        await repository.CreateAsync(NewRecord("job-latest", createdAt: Epoch.AddHours(1)));

        var rest = await ReadAllPagesAsync(repository, new JobQuery { Limit = 3, ContinuationToken = first.ContinuationToken });

        Assert.Equal(expected.Select(r => r.Id), first.Items.Select(r => r.Id).Concat(rest.SelectMany(p => p)));
    }

    [Fact]
    public async Task ListAsync_ForeignContinuationToken_ThrowsArgumentException()
    {
        var (repository, _) = await CreateRepositoryAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => repository.ListAsync(new JobQuery { ContinuationToken = "bm90LW91cnM" }));
    }

    [Fact]
    public async Task UpdateAsync_ManifestOverOneAndAHalfMiB_RoundTripsThroughTheBlobUntilItShrinks()
    {
        var store = await CreateDocumentStoreAsync();
        var repository = new JobRecordStore(store, Blobs, new JobRecordStoreOptions(), Time);
        await repository.CreateAsync(NewRecord("job-big"));
        var big = Manifest("job-big", targetBytes: 1536 * 1024);

        var updated = await repository.UpdateAsync("job-big", r => r with { Manifest = big, Status = JobStatus.Completed });
        var read = await repository.GetAsync("job-big");
        var raw = await store.GetAsync("job-big");

        Assert.Equal(big, updated.Manifest);
        Assert.Equal(big, read!.Manifest);
        Assert.Equal(JobStatus.Completed, read.Status);
        Assert.Equal(JobRecordStore.ManifestKey("job-big"), read.ManifestBlob?.Key);
        Assert.Empty(raw!.Manifest);
        Assert.InRange(JobRecordJson.Serialize(raw).Length, 1, 64 * 1024);
        Assert.Contains(JobRecordStore.ManifestKey("job-big"), Blobs.Keys);

        // A status change leaves the overflowed manifest where it is.
        var running = await repository.UpdateAsync("job-big", r => r with { Status = JobStatus.CompletedWithErrors });
        Assert.Equal(big, running.Manifest);
        Assert.Equal(big, (await repository.GetAsync("job-big"))!.Manifest);

        var small = big.Take(3).ToList();
        var shrunk = await repository.UpdateAsync("job-big", r => r with { Manifest = small });

        Assert.Null(shrunk.ManifestBlob);
        Assert.Equal(small, (await repository.GetAsync("job-big"))!.Manifest);
        Assert.Equal(small, (await store.GetAsync("job-big"))!.Manifest);
        Assert.Null((await store.GetAsync("job-big"))!.ManifestBlob);
        Assert.DoesNotContain(JobRecordStore.ManifestKey("job-big"), Blobs.Keys);
    }

    [Fact]
    public async Task CreateAsync_OverflowingManifest_IsRestoredAndDeleteRemovesItsBlob()
    {
        var (repository, _) = await CreateRepositoryAsync();
        var big = Manifest("job-born-big", targetBytes: 1536 * 1024);

        var created = await repository.CreateAsync(NewRecord("job-born-big") with { Manifest = big });

        Assert.NotNull(created.ManifestBlob);
        Assert.Equal(big, (await repository.GetAsync("job-born-big"))!.Manifest);
        Assert.Equal(big, Assert.Single((await repository.ListAsync(new JobQuery())).Items).Manifest);
        Assert.Contains(JobRecordStore.ManifestKey("job-born-big"), Blobs.Keys);

        Assert.True(await repository.DeleteAsync("job-born-big"));

        Assert.Null(await repository.GetAsync("job-born-big"));
        Assert.DoesNotContain(JobRecordStore.ManifestKey("job-born-big"), Blobs.Keys);
    }

    [Fact]
    public async Task CreateAsync_OverflowingManifestForTakenId_ThrowsAndLeavesTheExistingManifest()
    {
        var (repository, _) = await CreateRepositoryAsync();
        var first = Manifest("job-taken", targetBytes: 1536 * 1024);
        await repository.CreateAsync(NewRecord("job-taken") with { Manifest = first });

        await Assert.ThrowsAsync<JobAlreadyExistsException>(
            () => repository.CreateAsync(NewRecord("job-taken") with { Manifest = Manifest("job-other", targetBytes: 1536 * 1024) }));

        Assert.Equal(first, (await repository.GetAsync("job-taken"))!.Manifest);
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenMissing_ReturnsTrueThenFalse()
    {
        var (repository, _) = await CreateRepositoryAsync();
        await repository.CreateAsync(NewRecord("job-delete"));
        await repository.CreateAsync(NewRecord("job-keep"));

        Assert.True(await repository.DeleteAsync("job-delete"));
        Assert.False(await repository.DeleteAsync("job-delete"));

        Assert.Null(await repository.GetAsync("job-delete"));
        Assert.NotNull(await repository.GetAsync("job-keep"));
    }

    private async Task<(JobRecordStore Repository, IJobDocumentStore Store)> CreateRepositoryAsync(JobRecordStoreOptions? options = null)
    {
        var store = await CreateDocumentStoreAsync();
        return (new JobRecordStore(store, Blobs, options ?? new JobRecordStoreOptions(), Time), store);
    }

    /// <summary>Nine records of mixed types and statuses, two pairs sharing a created time; returns them in list order.</summary>
    private async Task<(JobRecordStore Repository, IReadOnlyList<JobRecord> Expected)> SeedListAsync()
    {
        var (repository, _) = await CreateRepositoryAsync();
        var statuses = new[] { JobStatus.Running, JobStatus.Completed, JobStatus.Running, JobStatus.Failed, JobStatus.Completed };
        var records = Enumerable.Range(0, 9)
            .Select(i => NewRecord(
                $"job-list-{(char)('a' + ((i * 5) % 9))}",
                createdAt: Epoch.AddMinutes(i is 3 or 6 ? i - 1 : i),
                type: JobType.All[i % 3]) with { Status = statuses[i % statuses.Length] })
            .ToList();

        // Insert in an order unrelated to the list order.
        foreach (var record in records.OrderBy(r => r.Id.GetHashCode(StringComparison.Ordinal)))
        {
            await repository.CreateAsync(record);
        }

        var expected = records
            .OrderByDescending(r => r.CreatedAt)
            .ThenByDescending(r => r.Id, StringComparer.Ordinal)
            .ToList();
        return (repository, expected);
    }

    private static async Task<List<List<string>>> ReadAllPagesAsync(IJobRepository repository, JobQuery query)
    {
        var pages = new List<List<string>>();
        var token = query.ContinuationToken;
        do
        {
            var page = await repository.ListAsync(query with { ContinuationToken = token });
            pages.Add(page.Items.Select(r => r.Id).ToList());
            token = page.ContinuationToken;
            Assert.True(pages.Count < 100, "the listing does not end");
        }
        while (token is not null);

        return pages;
    }

    private static JobRecord IncrementSucceeded(JobRecord record)
        => record with { Progress = record.Progress with { Total = record.Progress.Total + 1, Succeeded = record.Progress.Succeeded + 1 } };

    private static JobRecord NewRecord(string id, DateTimeOffset? createdAt = null, string type = JobType.LectureMedia) => new()
    {
        Id = id,
        Type = type,
        Request = Summary("A lecture on " + id),
        CreatedAt = createdAt ?? Epoch,
        UpdatedAt = createdAt ?? Epoch,
    };

    private static JobRequestSummary Summary(string title) => new()
    {
        Title = title,
        Counts = new Dictionary<string, int> { ["segments"] = 12, ["images"] = 24 },
        Sha256 = new string('0', 63) + "1",
    };

    private static List<AssetOutcome> Manifest(string jobId, int targetBytes)
    {
        var manifest = new List<AssetOutcome>();
        var bytes = 0;
        for (var i = 0; bytes < targetBytes; i++)
        {
            var outcome = i % 10 == 9
                ? AssetOutcome.Failed($"img-{i:D6}", "images", new AssetError(FailureKind.Permanent, "ContentPolicy", $"Prompt {i} was refused by the provider's content policy."))
                : AssetOutcome.Succeeded($"img-{i:D6}", "images", new BlobRef($"jobs/{jobId}/images/img-{i:D6}.png", 1000 + i, "image/png", Convert.ToHexStringLower(BitConverter.GetBytes((long)i)).PadLeft(64, 'f')));
            manifest.Add(outcome);
            bytes += JobRecordJson.SerializeManifest([outcome]).Length;
        }

        return manifest;
    }

    private static void AssertSameRecord(JobRecord expected, JobRecord actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.Request.Title, actual.Request.Title);
        Assert.Equal(expected.Request.Sha256, actual.Request.Sha256);
        Assert.Equal(expected.Request.Counts.OrderBy(c => c.Key), actual.Request.Counts.OrderBy(c => c.Key));
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Progress, actual.Progress);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.UpdatedAt, actual.UpdatedAt);
        Assert.Equal(expected.CompletedAt, actual.CompletedAt);
        Assert.Equal(expected.Manifest, actual.Manifest);
        Assert.Equal(expected.Error, actual.Error);
        Assert.Null(actual.ManifestBlob);
    }
}
