using System.Collections.Concurrent;
using Pipeline.Domain.Jobs;

namespace Pipeline.Domain.Tests.Podcast;

/// <summary>Job records in a dictionary; every stored version is kept, so tests can see the phases a job went through.</summary>
internal sealed class RecordingJobRepository : IJobRepository
{
    private readonly ConcurrentDictionary<string, JobRecord> _records = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<JobRecord> _versions = new();
    private readonly Lock _gate = new();

    public IReadOnlyList<JobRecord> Versions(string jobId) => _versions.Where(v => v.Id == jobId).ToList();

    /// <summary>The distinct phases in the order the record showed them.</summary>
    public IReadOnlyList<(string? Phase, int? Percent)> Phases(string jobId)
    {
        var phases = new List<(string?, int?)>();
        foreach (var version in Versions(jobId).Where(v => v.Progress.Phase is not null))
        {
            var phase = (version.Progress.Phase, version.Progress.Percent);
            if (phases.Count == 0 || phases[^1] != phase)
            {
                phases.Add(phase);
            }
        }

        return phases;
    }

    public Task<JobRecord> CreateAsync(JobRecord record, CancellationToken cancellationToken = default)
    {
        if (!_records.TryAdd(record.Id, record))
        {
            throw new JobAlreadyExistsException(record.Id);
        }

        _versions.Enqueue(record);
        return Task.FromResult(record);
    }

    public Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken = default) => Task.FromResult(_records.GetValueOrDefault(jobId));

    public Task<JobRecord> UpdateAsync(string jobId, Func<JobRecord, JobRecord> change, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var current = _records.GetValueOrDefault(jobId) ?? throw new JobNotFoundException(jobId);
            var next = change(current);
            _records[jobId] = next;
            _versions.Enqueue(next);
            return Task.FromResult(next);
        }
    }

    public Task<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default) => Task.FromResult(_records.TryRemove(jobId, out _));

    public static JobRecord NewRecord(string jobId, string type) => new()
    {
        Id = jobId,
        Type = type,
        Request = new JobRequestSummary { Sha256 = new string('a', 64) },
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };
}
