using Microsoft.Data.Sqlite;
using Pipeline.Domain.Jobs;
using Pipeline.Infrastructure.Jobs;

namespace Pipeline.Infrastructure.Tests.Jobs;

/// <summary>The job repository contract on the embedded SQLite store, one database file per test.</summary>
public sealed class SqliteJobRepositoryTests : JobRepositoryContractTests, IDisposable
{
    private readonly string _dataRoot = Path.Combine(Path.GetTempPath(), "pipeline-jobs-" + Guid.NewGuid().ToString("N"));
    private int _databases;

    protected override Task<IJobDocumentStore> CreateDocumentStoreAsync()
        => Task.FromResult<IJobDocumentStore>(new SqliteJobDocumentStore(Path.Combine(_dataRoot, $"jobs-{++_databases}.db")));

    [Fact]
    public async Task CreateAsync_NewStore_CreatesTheDataRootAndFile()
    {
        var path = Path.Combine(_dataRoot, "nested", "deeper", "jobs.db");
        var store = new SqliteJobDocumentStore(path);

        await store.CreateAsync(new JobRecord
        {
            Id = "job-file",
            Type = JobType.Diarization,
            Request = new JobRequestSummary { Sha256 = new string('b', 64) },
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
        });

        Assert.True(File.Exists(path));
        Assert.NotNull(await new SqliteJobDocumentStore(path).GetAsync("job-file"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataRoot))
        {
            Directory.Delete(_dataRoot, recursive: true);
        }
    }
}
