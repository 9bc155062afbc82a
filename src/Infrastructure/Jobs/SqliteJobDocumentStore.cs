using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Pipeline.Domain.Jobs;

namespace Pipeline.Infrastructure.Jobs;

/// <summary>
/// Job records in one SQLite file (WAL): the JSON document plus the columns the list filters and sorts on, and an
/// integer version that is the ETag.
/// </summary>
public sealed class SqliteJobDocumentStore : IJobDocumentStore
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS jobs (
            id            TEXT    NOT NULL PRIMARY KEY,
            type          TEXT    NOT NULL,
            status        TEXT    NOT NULL,
            created_ticks INTEGER NOT NULL,
            version       INTEGER NOT NULL,
            document      TEXT    NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_jobs_created ON jobs (created_ticks DESC, id DESC);
        """;

    private readonly string _connectionString;
    private readonly string _databasePath;
    private volatile bool _initialized;

    public SqliteJobDocumentStore(string databasePath)
    {
        _databasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_databasePath)!);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync(cancellationToken);
        _initialized = true;
    }

    public async Task<JobRecord> CreateAsync(JobRecord record, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO jobs (id, type, status, created_ticks, version, document)
            VALUES ($id, $type, $status, $created, $version, $document)
            ON CONFLICT (id) DO NOTHING
            """;
        AddColumns(command, record);

        // Each record starts at a version of its own, so a record deleted and created again under the same id never
        // has an ETag its predecessor had: a conditional delete of the old one cannot hit the new one.
        var version = FirstVersion();
        command.Parameters.AddWithValue("$version", version);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new JobAlreadyExistsException(record.Id);
        }

        return record with { ETag = ToETag(version) };
    }

    public async Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document, version FROM jobs WHERE id = $id";
        command.Parameters.AddWithValue("$id", jobId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<JobRecord> ReplaceAsync(JobRecord record, CancellationToken cancellationToken = default)
    {
        var expected = ParseETag(record);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE jobs SET type = $type, status = $status, created_ticks = $created, version = version + 1, document = $document
            WHERE id = $id AND version = $version
            """;
        AddColumns(command, record);
        command.Parameters.AddWithValue("$version", expected);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return record with { ETag = ToETag(expected + 1) };
        }

        command.Parameters.Clear();
        command.CommandText = "SELECT 1 FROM jobs WHERE id = $id";
        command.Parameters.AddWithValue("$id", record.Id);
        throw await command.ExecuteScalarAsync(cancellationToken) is null
            ? new JobNotFoundException(record.Id)
            : new JobETagMismatchException(record.Id, record.ETag!);
    }

    public async Task<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT document, version FROM jobs WHERE 1 = 1");
        if (query.Status is { } status)
        {
            sql.Append(" AND status = $status");
            command.Parameters.AddWithValue("$status", status.ToString());
        }

        if (query.Type is { } type)
        {
            sql.Append(" AND type = $type");
            command.Parameters.AddWithValue("$type", type);
        }

        if (query.ContinuationToken is { } token)
        {
            var after = JobListCursor.Parse(token);
            sql.Append(" AND (created_ticks < $afterTicks OR (created_ticks = $afterTicks AND id < $afterId))");
            command.Parameters.AddWithValue("$afterTicks", after.CreatedUtcTicks);
            command.Parameters.AddWithValue("$afterId", after.Id);
        }

        sql.Append(" ORDER BY created_ticks DESC, id DESC LIMIT $take");
        command.Parameters.AddWithValue("$take", query.Limit + 1);
        command.CommandText = sql.ToString();

        var items = new List<JobRecord>(query.Limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(Read(reader));
            }
        }

        if (items.Count <= query.Limit)
        {
            return new JobPage { Items = items };
        }

        items.RemoveAt(items.Count - 1);
        return new JobPage { Items = items, ContinuationToken = JobListCursor.After(items[^1]).ToToken() };
    }

    public async Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM jobs WHERE id = $id";
        command.Parameters.AddWithValue("$id", jobId);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<bool> DeleteIfMatchAsync(string jobId, string etag, CancellationToken cancellationToken = default)
    {
        if (!long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM jobs WHERE id = $id AND version = $version";
        command.Parameters.AddWithValue("$id", jobId);
        command.Parameters.AddWithValue("$version", version);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static long FirstVersion() => RandomNumberGenerator.GetInt32(1, int.MaxValue) * (1L << 20);

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_initialized)
        {
            await InitializeAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static void AddColumns(SqliteCommand command, JobRecord record)
    {
        command.Parameters.AddWithValue("$id", record.Id);
        command.Parameters.AddWithValue("$type", record.Type);
        command.Parameters.AddWithValue("$status", record.Status.ToString());
        command.Parameters.AddWithValue("$created", record.CreatedAt.UtcTicks);
        command.Parameters.AddWithValue("$document", Encoding.UTF8.GetString(JobRecordJson.Serialize(record)));
    }

    private static JobRecord Read(SqliteDataReader reader)
        => JobRecordJson.Deserialize(Encoding.UTF8.GetBytes(reader.GetString(0))) with { ETag = ToETag(reader.GetInt64(1)) };

    private static string ToETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static long ParseETag(JobRecord record)
        => long.TryParse(record.ETag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new ArgumentException($"Job '{record.Id}' has no ETag of this store ('{record.ETag}'): read it before replacing it.", nameof(record));
}
