using System.Text.Json;
using Microsoft.Data.Sqlite;
using Pipeline.Domain.Durable;
using Pipeline.Runtime.History;

namespace Pipeline.Runtime.Store;

/// <summary>
/// The embedded default: one SQLite file (WAL, synchronous=NORMAL) holding instances, histories, messages and entity
/// states. Each commit is one transaction, so an episode is either wholly visible after a crash or not at all.
/// </summary>
public sealed class SqliteHistoryStore : IHistoryStore
{
    private static readonly JsonSerializerOptions Json = JsonPayloadConverter.Options;
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public SqliteHistoryStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=NORMAL;
            CREATE TABLE IF NOT EXISTS instances (id TEXT PRIMARY KEY, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS history (instance_id TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY (instance_id, seq));
            CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, target INTEGER NOT NULL, target_id TEXT NOT NULL, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS entities (id TEXT PRIMARY KEY, state TEXT NOT NULL);
            """);
    }

    public StoreSnapshot Load()
    {
        lock (_gate)
        {
            var instances = Query("SELECT json FROM instances", r => JsonSerializer.Deserialize<InstanceRecord>(r.GetString(0), Json)!);
            var histories = new Dictionary<string, List<HistoryEvent>>(StringComparer.Ordinal);
            foreach (var (id, e) in Query("SELECT instance_id, json FROM history ORDER BY instance_id, seq", r => (r.GetString(0), JsonSerializer.Deserialize<HistoryEvent>(r.GetString(1), Json)!)))
            {
                if (!histories.TryGetValue(id, out var list))
                {
                    histories[id] = list = [];
                }

                list.Add(e);
            }

            var messages = Query("SELECT json FROM messages ORDER BY id", r => JsonSerializer.Deserialize<WorkMessage>(r.GetString(0), Json)!);
            var entities = Query("SELECT id, state FROM entities", r => (r.GetString(0), r.GetString(1))).ToDictionary(e => e.Item1, e => e.Item2, StringComparer.Ordinal);
            return new StoreSnapshot(instances, histories.ToDictionary(h => h.Key, h => (IReadOnlyList<HistoryEvent>)h.Value, StringComparer.Ordinal), messages, entities);
        }
    }

    public void Commit(StoreCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        if (commit.IsEmpty)
        {
            return;
        }

        lock (_gate)
        {
            using var tx = _connection.BeginTransaction();
            foreach (var id in commit.PurgedInstances)
            {
                Run(tx, "DELETE FROM instances WHERE id = $a", id);
                Run(tx, "DELETE FROM history WHERE instance_id = $a", id);
                Run(tx, "DELETE FROM messages WHERE target_id = $a AND target <> $b", id, (int)MessageTarget.Entity);
            }

            foreach (var instance in commit.Instances)
            {
                Run(tx, "INSERT INTO instances (id, json) VALUES ($a, $b) ON CONFLICT(id) DO UPDATE SET json = excluded.json", instance.InstanceId, JsonSerializer.Serialize(instance, Json));
            }

            foreach (var append in commit.History)
            {
                long next = 0;
                if (append.Reset)
                {
                    Run(tx, "DELETE FROM history WHERE instance_id = $a", append.InstanceId);
                }
                else
                {
                    using var max = Command(tx, "SELECT COALESCE(MAX(seq) + 1, 0) FROM history WHERE instance_id = $a", append.InstanceId);
                    next = (long)max.ExecuteScalar()!;
                }

                using var insert = Command(tx, "INSERT INTO history (instance_id, seq, json) VALUES ($a, $b, $c)", append.InstanceId, 0L, string.Empty);
                foreach (var e in append.Events)
                {
                    insert.Parameters["$b"].Value = next++;
                    insert.Parameters["$c"].Value = JsonSerializer.Serialize(e, Json);
                    insert.ExecuteNonQuery();
                }
            }

            if (commit.ConsumedMessages.Count > 0)
            {
                using var delete = Command(tx, "DELETE FROM messages WHERE id = $a", 0L);
                foreach (var id in commit.ConsumedMessages)
                {
                    delete.Parameters["$a"].Value = id;
                    delete.ExecuteNonQuery();
                }
            }

            if (commit.NewMessages.Count > 0)
            {
                using var insert = Command(tx, "INSERT OR REPLACE INTO messages (id, target, target_id, json) VALUES ($a, $b, $c, $d)", 0L, 0, string.Empty, string.Empty);
                foreach (var m in commit.NewMessages)
                {
                    insert.Parameters["$a"].Value = m.Id;
                    insert.Parameters["$b"].Value = (int)m.Target;
                    insert.Parameters["$c"].Value = m.TargetId;
                    insert.Parameters["$d"].Value = JsonSerializer.Serialize(m, Json);
                    insert.ExecuteNonQuery();
                }
            }

            foreach (var (id, state) in commit.EntityStates)
            {
                if (state is null)
                {
                    Run(tx, "DELETE FROM entities WHERE id = $a", id);
                }
                else
                {
                    Run(tx, "INSERT INTO entities (id, state) VALUES ($a, $b) ON CONFLICT(id) DO UPDATE SET state = excluded.state", id, state);
                }
            }

            tx.Commit();
        }
    }

    public void Dispose() => _connection.Dispose();

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var results = new List<T>();
        while (reader.Read())
        {
            results.Add(read(reader));
        }

        return results;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(SqliteTransaction tx, string sql, params object[] args)
    {
        var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (char)('a' + i), args[i]);
        }

        return command;
    }

    private void Run(SqliteTransaction tx, string sql, params object[] args)
    {
        using var command = Command(tx, sql, args);
        command.ExecuteNonQuery();
    }
}
