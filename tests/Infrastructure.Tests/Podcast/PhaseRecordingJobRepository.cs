using System.Collections.Concurrent;
using Pipeline.Domain.Jobs;

namespace Pipeline.Infrastructure.Tests.Podcast;

/// <summary>A job repository that remembers the phase of every record it stored, in order.</summary>
internal sealed class PhaseRecordingJobRepository(IJobRepository inner) : IJobRepository
{
    private readonly ConcurrentQueue<(string JobId, string? Phase, int? Percent, JobStatus Status)> _stored = new();

    public IReadOnlyList<(string? Phase, int? Percent)> Phases(string jobId)
    {
        var phases = new List<(string?, int?)>();
        foreach (var (id, phase, percent, _) in _stored)
        {
            if (id == jobId && phase is not null && (phases.Count == 0 || phases[^1] != (phase, percent)))
            {
                phases.Add((phase, percent));
            }
        }

        return phases;
    }

    public Task<JobRecord> CreateAsync(JobRecord record, CancellationToken cancellationToken = default) => inner.CreateAsync(record, cancellationToken);

    public Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken = default) => inner.GetAsync(jobId, cancellationToken);

    public async Task<JobRecord> UpdateAsync(string jobId, Func<JobRecord, JobRecord> change, CancellationToken cancellationToken = default)
    {
        var stored = await inner.UpdateAsync(jobId, change, cancellationToken);
        _stored.Enqueue((jobId, stored.Progress.Phase, stored.Progress.Percent, stored.Status));
        return stored;
    }

    public Task<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);

    public Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default) => inner.DeleteAsync(jobId, cancellationToken);
}
