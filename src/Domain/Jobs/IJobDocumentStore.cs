namespace Pipeline.Domain.Jobs;

/// <summary>
/// The storage backend under <see cref="JobRecordStore"/>: stores records exactly as given (a manifest blob reference
/// is just data here), with ETags. Implemented once per database; everything else lives in <see cref="JobRecordStore"/>.
/// </summary>
public interface IJobDocumentStore
{
    /// <summary>Creates the database objects the store needs when they are missing. Safe to call more than once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts a record; throws <see cref="JobAlreadyExistsException"/> when the id is taken. Returns it with its ETag.</summary>
    Task<JobRecord> CreateAsync(JobRecord record, CancellationToken cancellationToken = default);

    Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the record if it is still at <see cref="JobRecord.ETag"/>; throws <see cref="JobETagMismatchException"/>
    /// when it is not and <see cref="JobNotFoundException"/> when it is gone. Returns it with its new ETag.
    /// </summary>
    Task<JobRecord> ReplaceAsync(JobRecord record, CancellationToken cancellationToken = default);

    /// <summary>A page newest first; continuation tokens are <see cref="JobListCursor"/> tokens.</summary>
    Task<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the record only if it is still at <paramref name="etag"/>; false (nothing changed) when it is gone or at another version.</summary>
    Task<bool> DeleteIfMatchAsync(string jobId, string etag, CancellationToken cancellationToken = default)
        => throw new NotSupportedException($"{GetType().Name} does not support conditional deletes.");
}
