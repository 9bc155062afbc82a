using Microsoft.Data.Sqlite;
using Pipeline.Domain.Jobs;
using Pipeline.Infrastructure.Jobs;

namespace Pipeline.Infrastructure.Tests.Jobs;

/// <summary>Conditional deletes on the embedded SQLite store, one database file per test.</summary>
public sealed class SqliteConditionalDeleteTests : ConditionalDeleteContractTests, IDisposable
{
    private readonly string _dataRoot = Path.Combine(Path.GetTempPath(), "pipeline-jobs-" + Guid.NewGuid().ToString("N"));
    private int _databases;

    protected override Task<IJobDocumentStore> CreateDocumentStoreAsync()
        => Task.FromResult<IJobDocumentStore>(new SqliteJobDocumentStore(Path.Combine(_dataRoot, $"jobs-{++_databases}.db")));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataRoot))
        {
            Directory.Delete(_dataRoot, recursive: true);
        }
    }
}
