namespace Pipeline.Domain.Jobs;

/// <summary>Limits of <see cref="JobRecordStore"/>.</summary>
public sealed record JobRecordStoreOptions
{
    public const int DefaultMaxInlineBytes = 1024 * 1024;

    public const int DefaultMaxUpdateAttempts = 10;

    /// <summary>A record whose JSON would be larger than this keeps its manifest in a blob (Cosmos DB caps items at 2 MB).</summary>
    public int MaxInlineBytes { get; init; } = DefaultMaxInlineBytes;

    /// <summary>How many times an update re-reads and re-applies its change after losing to a concurrent writer.</summary>
    public int MaxUpdateAttempts { get; init; } = DefaultMaxUpdateAttempts;
}
