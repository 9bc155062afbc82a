namespace Pipeline.Infrastructure.Jobs;

/// <summary>Where job records live.</summary>
public enum JobStoreProvider
{
    /// <summary>A SQLite file under a data root: no server, for the standalone host and local runs.</summary>
    Embedded,

    /// <summary>Azure Cosmos DB (SQL API).</summary>
    Cosmos,
}
