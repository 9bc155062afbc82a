using Pipeline.Domain.Assets;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Jobs;

/// <summary>
/// <see cref="IJobRepository"/> over any <see cref="IJobDocumentStore"/>: validation, optimistic-concurrency retries and
/// manifest overflow, written once for every backend.
/// </summary>
/// <remarks>
/// A record whose JSON would exceed <see cref="JobRecordStoreOptions.MaxInlineBytes"/> keeps its manifest in the blob
/// <c>jobs/{jobId}/manifest.json</c> and only the reference inline. The blob is written before the record that points
/// to it, and deleted only after the record stopped pointing to it, so a stored record never references a missing blob
/// because of a crash; a blob left behind by a crash is unreferenced and is overwritten or deleted later.
/// </remarks>
public sealed class JobRecordStore : IJobRepository
{
    public const string ManifestContentType = "application/json";

    private readonly IJobDocumentStore _documents;
    private readonly IBlobStore _blobs;
    private readonly JobRecordStoreOptions _options;
    private readonly TimeProvider _time;

    public JobRecordStore(IJobDocumentStore documents, IBlobStore blobs, JobRecordStoreOptions options, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxInlineBytes, 1024, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxUpdateAttempts, 1, nameof(options));
        _documents = documents;
        _blobs = blobs;
        _options = options;
        _time = time;
    }

    /// <summary>The blob key of a job's overflowed manifest.</summary>
    public static string ManifestKey(string jobId) => $"{BlobKey.JobPrefix(jobId)}manifest.json";

    public async Task<JobRecord> CreateAsync(JobRecord record, CancellationToken cancellationToken = default)
    {
        JobId.Validate(record.Id, nameof(record));
        ValidateType(record.Type, nameof(record));

        var inline = record with { ManifestBlob = null, ETag = null };
        if (Fits(inline))
        {
            return await _documents.CreateAsync(inline, cancellationToken);
        }

        // The manifest blob key is per job: never overwrite the manifest of a job that already exists.
        if (await _documents.GetAsync(record.Id, cancellationToken) is not null)
        {
            throw new JobAlreadyExistsException(record.Id);
        }

        var blob = await PutManifestAsync(record.Id, record.Manifest, cancellationToken);
        var stored = await _documents.CreateAsync(inline with { Manifest = [], ManifestBlob = blob }, cancellationToken);
        return stored with { Manifest = record.Manifest };
    }

    public async Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken = default)
    {
        JobId.Validate(jobId);
        var stored = await _documents.GetAsync(jobId, cancellationToken);
        return stored is null ? null : await RestoreManifestAsync(stored, cancellationToken);
    }

    public async Task<JobRecord> UpdateAsync(string jobId, Func<JobRecord, JobRecord> change, CancellationToken cancellationToken = default)
    {
        JobId.Validate(jobId);
        ArgumentNullException.ThrowIfNull(change);

        for (var attempt = 1; attempt <= _options.MaxUpdateAttempts; attempt++)
        {
            var stored = await _documents.GetAsync(jobId, cancellationToken) ?? throw new JobNotFoundException(jobId);
            var current = await RestoreManifestAsync(stored, cancellationToken);
            var changed = change(current);
            if (ReferenceEquals(changed, current))
            {
                return current;
            }

            if (changed.Id != jobId)
            {
                throw new InvalidOperationException($"An update of job '{jobId}' changed its id to '{changed.Id}'.");
            }

            ValidateType(changed.Type, nameof(change));
            var next = changed with { CreatedAt = current.CreatedAt, UpdatedAt = _time.GetUtcNow(), ETag = stored.ETag };
            try
            {
                return await WriteAsync(stored, current, next, cancellationToken);
            }
            catch (JobETagMismatchException) when (attempt < _options.MaxUpdateAttempts)
            {
                // Someone wrote in between: read the new version and apply the change to it.
            }
            catch (JobETagMismatchException ex)
            {
                throw new JobUpdateConflictException(jobId, attempt, ex);
            }
        }

        throw new JobUpdateConflictException(jobId, _options.MaxUpdateAttempts);
    }

    public async Task<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, JobQuery.MaxLimit, nameof(query));
        if (query.Type is not null)
        {
            ValidateType(query.Type, nameof(query));
        }

        if (query.ContinuationToken is not null)
        {
            JobListCursor.Parse(query.ContinuationToken);
        }

        var page = await _documents.ListAsync(query, cancellationToken);
        var items = new List<JobRecord>(page.Items.Count);
        foreach (var item in page.Items)
        {
            items.Add(await RestoreManifestAsync(item, cancellationToken));
        }

        return page with { Items = items };
    }

    public async Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default)
    {
        JobId.Validate(jobId);

        // Record first: the blob is never missing while a record points to it.
        var deleted = await _documents.DeleteAsync(jobId, cancellationToken);
        await _blobs.DeleteAsync(ManifestKey(jobId), cancellationToken);
        return deleted;
    }

    public async Task<bool> DeleteIfMatchAsync(string jobId, string etag, CancellationToken cancellationToken = default)
    {
        JobId.Validate(jobId);
        ArgumentException.ThrowIfNullOrEmpty(etag);

        // Record first, as in DeleteAsync; the manifest blob goes only with the version that pointed to it.
        var stored = await _documents.GetAsync(jobId, cancellationToken);
        if (stored is null || !string.Equals(stored.ETag, etag, StringComparison.Ordinal)
            || !await _documents.DeleteIfMatchAsync(jobId, etag, cancellationToken))
        {
            return false;
        }

        if (stored.ManifestBlob is not null)
        {
            await _blobs.DeleteAsync(ManifestKey(jobId), cancellationToken);
        }

        return true;
    }

    private async Task<JobRecord> WriteAsync(JobRecord stored, JobRecord current, JobRecord next, CancellationToken cancellationToken)
    {
        var inline = next with { ManifestBlob = null };
        if (Fits(inline))
        {
            var written = await _documents.ReplaceAsync(inline, cancellationToken);
            if (stored.ManifestBlob is not null)
            {
                // The record no longer points to the blob; now it can go.
                await _blobs.DeleteAsync(ManifestKey(next.Id), cancellationToken);
            }

            return written;
        }

        // An overflowed manifest the change left alone is not uploaded again.
        var blob = stored.ManifestBlob is not null && ReferenceEquals(next.Manifest, current.Manifest)
            ? stored.ManifestBlob
            : await PutManifestAsync(next.Id, next.Manifest, cancellationToken);
        var replaced = await _documents.ReplaceAsync(inline with { Manifest = [], ManifestBlob = blob }, cancellationToken);
        return replaced with { Manifest = next.Manifest };
    }

    private bool Fits(JobRecord record) => JobRecordJson.Serialize(record).Length <= _options.MaxInlineBytes;

    private async Task<BlobRef> PutManifestAsync(string jobId, IReadOnlyList<AssetOutcome> manifest, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(JobRecordJson.SerializeManifest(manifest), writable: false);
        return await _blobs.PutAsync(ManifestKey(jobId), content, ManifestContentType, cancellationToken);
    }

    private async Task<JobRecord> RestoreManifestAsync(JobRecord stored, CancellationToken cancellationToken)
    {
        if (stored.ManifestBlob is not { } reference)
        {
            return stored;
        }

        try
        {
            var properties = await _blobs.GetPropertiesAsync(reference.Key, cancellationToken);
            if (!string.Equals(properties.Sha256, reference.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new JobManifestMismatchException(stored.Id, reference.Key);
            }

            await using var content = await _blobs.GetAsync(reference.Key, cancellationToken);
            var manifest = await JobRecordJson.DeserializeManifestAsync(content, cancellationToken);
            return stored with { Manifest = manifest };
        }
        catch (BlobNotFoundException ex)
        {
            throw new JobManifestMismatchException(stored.Id, reference.Key, ex);
        }
    }

    private static void ValidateType(string type, string paramName)
    {
        if (!JobType.IsKnown(type))
        {
            throw new ArgumentException($"Job type '{type}' is unknown: it must be one of {string.Join(", ", JobType.All)}.", paramName);
        }
    }
}
