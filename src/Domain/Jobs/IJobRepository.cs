namespace Pipeline.Domain.Jobs;

/// <summary>
/// Job records (Cosmos DB on Azure, SQLite embedded). Manifests of any size round-trip: an oversized one is kept in a
/// blob behind the record, transparently.
/// </summary>
public interface IJobRepository
{
    /// <summary>Stores a new record; throws <see cref="JobAlreadyExistsException"/> when the id is taken. Returns the stored record with its ETag.</summary>
    Task<JobRecord> CreateAsync(JobRecord record, CancellationToken cancellationToken = default);

    /// <summary>The record with its full manifest, or null when there is none.</summary>
    Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="change"/> to the current record and stores the result if nobody wrote in between;
    /// otherwise re-reads and applies it again, a bounded number of times, then throws
    /// <see cref="JobUpdateConflictException"/>. <paramref name="change"/> must be a pure function of its argument.
    /// Throws <see cref="JobNotFoundException"/> when there is no record. Returns the stored record. A change that returns
    /// the very record it was given writes nothing (the ETag stays).
    /// </summary>
    Task<JobRecord> UpdateAsync(string jobId, Func<JobRecord, JobRecord> change, CancellationToken cancellationToken = default);

    /// <summary>One page of records, newest first (created time, then id, both descending).</summary>
    Task<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes the record and its manifest blob; returns false when there was no record.</summary>
    Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the record (and its manifest blob) only if it is still at <paramref name="etag"/> — the version a caller
    /// wrote itself — so an undo never removes a record somebody changed since. Returns false, and changes nothing, when
    /// the record is gone or at another version.
    /// </summary>
    Task<bool> DeleteIfMatchAsync(string jobId, string etag, CancellationToken cancellationToken = default)
        => throw new NotSupportedException($"{GetType().Name} does not support conditional deletes.");
}
