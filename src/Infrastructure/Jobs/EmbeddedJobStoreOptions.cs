namespace Pipeline.Infrastructure.Jobs;

/// <summary>Settings of the embedded (SQLite) job store.</summary>
public sealed class EmbeddedJobStoreOptions
{
    /// <summary>The folder that holds the database file; created when missing.</summary>
    public string DataRoot { get; set; } = Path.Combine(".pipeline", "data");

    public string FileName { get; set; } = "jobs.db";

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataRoot, FileName));
}
