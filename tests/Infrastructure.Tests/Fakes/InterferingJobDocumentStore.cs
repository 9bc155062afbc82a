using Pipeline.Domain.Jobs;

namespace Pipeline.Infrastructure.Tests.Fakes;

/// <summary>
/// Wraps a real <see cref="IJobDocumentStore"/> and, before each of the next <see cref="Interferences"/> replaces,
/// lets another writer replace the same record first (from the same version), so the replace that follows meets the
/// backend's own ETag check with a stale ETag.
/// </summary>
public sealed class InterferingJobDocumentStore(IJobDocumentStore inner, Func<JobRecord, JobRecord> otherWriter) : IJobDocumentStore
{
    public int Interferences { get; set; }

    public int Replaces { get; private set; }

    public Task InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

    public Task<JobRecord> CreateAsync(JobRecord record, CancellationToken cancellationToken = default) => inner.CreateAsync(record, cancellationToken);

    public Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken = default) => inner.GetAsync(jobId, cancellationToken);

    public async Task<JobRecord> ReplaceAsync(JobRecord record, CancellationToken cancellationToken = default)
    {
        Replaces++;
        if (Interferences > 0)
        {
            Interferences--;
            var current = await inner.GetAsync(record.Id, cancellationToken) ?? throw new JobNotFoundException(record.Id);
            await inner.ReplaceAsync(otherWriter(current), cancellationToken);
        }

        return await inner.ReplaceAsync(record, cancellationToken);
    }

    public Task<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);

    public Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default) => inner.DeleteAsync(jobId, cancellationToken);
}
