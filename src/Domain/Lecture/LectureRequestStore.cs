using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Lecture;

/// <summary>
/// The claim check for a lecture's request: stored once at <c>jobs/{jobId}/request.json</c> when the job starts, read by
/// the asset activities (cached per job), so work items carry only ids.
/// </summary>
public sealed class LectureRequestStore(IBlobStore blobs)
{
    private const int CachedJobs = 32;
    private readonly ConcurrentDictionary<string, LectureMediaRequest> _cache = new(StringComparer.Ordinal);

    public static string KeyFor(string jobId) => $"{BlobKey.JobPrefix(jobId)}request.json";

    public async Task<BlobRef> SaveAsync(string jobId, LectureMediaRequest request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(request, JsonPayloadConverter.Options), writable: false);
        var stored = await blobs.PutAsync(KeyFor(jobId), body, "application/json", cancellationToken).ConfigureAwait(false);
        Remember(jobId, request);
        return stored;
    }

    public async Task<LectureMediaRequest> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(jobId, out var cached))
        {
            return cached;
        }

        var body = await blobs.GetAsync(KeyFor(jobId), cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var request = await JsonSerializer.DeserializeAsync<LectureMediaRequest>(body, JsonPayloadConverter.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"The stored request of job '{jobId}' is empty.");
            Remember(jobId, request);
            return request;
        }
    }

    private void Remember(string jobId, LectureMediaRequest request)
    {
        if (_cache.Count >= CachedJobs)
        {
            _cache.Clear();
        }

        _cache[jobId] = request;
    }
}
