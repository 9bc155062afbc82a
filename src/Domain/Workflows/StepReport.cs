using Pipeline.Domain.Assets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Status;

namespace Pipeline.Domain.Workflows;

/// <summary>
/// Sends a fan-out's finished assets to the job-status entity, each with every attempt it took. Every signal is
/// history, so completions that arrive within <see cref="FanOutRequest.ReportInterval"/> of the previous report wait
/// and go together: a report goes out when the interval has passed (in workflow time), when <see cref="MaxSteps"/> are
/// waiting, and after the last asset — which also ends the stage when the fan-out reports it, so no signal of its own
/// is needed. An asset's times travel as milliseconds before the report's time, and its blob as the key alone (the
/// batch's key pattern when the key follows it): the entity reads the blob's length, type and digest from the store.
/// </summary>
internal sealed class StepReport(TaskOrchestrationContext context, FanOutRequest request, EntityInstanceId status)
{
    /// <summary>The most steps one report carries (bounds the signal and the entity's batch).</summary>
    public const int MaxSteps = 100;

    private readonly List<AssetRun> _waiting = [];
    private int _waitingSteps;
    private long _reported;
    private DateTime? _lastReport;

    /// <summary>
    /// Who sends: left out in the job's own orchestration (the entity is the job's, so the stage alone is unique), the
    /// instance and stage in a child. Each fan-out numbers its steps from 1.
    /// </summary>
    private string? Source => context.InstanceId == request.JobId ? null : $"{context.InstanceId}/{request.Stage}";

    /// <summary>Adds finished assets; reports when due. Returns true when the report that went out also ended the stage.</summary>
    public async Task<bool> AddAsync(IReadOnlyList<AssetRun> batch, bool last, bool completesStage)
    {
        _waiting.AddRange(batch);
        _waitingSteps += batch.Sum(r => 1 + r.Failures.Count);
        var now = context.CurrentUtcDateTime;
        var due = last || _waitingSteps >= MaxSteps || _lastReport is not { } previous || now - previous >= request.ReportInterval;
        if (!due)
        {
            return false;
        }

        var at = FanOut.Milliseconds(now);
        var keys = KeyPattern(_waiting);
        var report = new RecordStepsBatch
        {
            Source = Source,
            Stage = request.Stage,
            At = new DateTimeOffset(at, TimeSpan.Zero),
            First = _reported + 1,
            Keys = keys,
            Assets = [.. _waiting.Select(r => Step(r, at, keys))],
            CompletesStage = last && completesStage,
        };
        _reported += _waitingSteps;
        _waiting.Clear();
        _waitingSteps = 0;
        _lastReport = now;
        await context.Entities.SignalEntityAsync(status, nameof(JobStatusEntity.RecordSteps), report);
        return report.CompletesStage;
    }

    private static AssetStep Step(AssetRun run, DateTime at, string? keys)
    {
        var outcome = run.Outcome;
        var key = outcome is { Status: AssetStatus.Succeeded, Blob: { } blob } ? blob.Key : null;
        return new AssetStep(outcome.AssetId, outcome.Status)
        {
            Error = outcome.Error,
            StartMs = Before(at, run.StartedAt),
            EndMs = Before(at, run.EndedAt),
            Key = key is null || (keys is not null && KeyOf(keys, outcome.AssetId) == key) ? null : key,
            Failures = run.Failures.Count == 0
                ? null
                : [.. run.Failures.Select(f => new FailedAttempt(Before(at, f.StartedAt), f.Error) { EndMs = Before(at, f.EndedAt), RetryAfterMs = Milliseconds(f.RetryAfter) })],
            Usage = outcome.Usage,
        };
    }

    /// <summary>The key pattern of the first succeeded asset whose key names its id once; null when there is none.</summary>
    private static string? KeyPattern(IEnumerable<AssetRun> runs)
    {
        foreach (var outcome in runs.Select(r => r.Outcome))
        {
            if (outcome is { Status: AssetStatus.Succeeded, Blob.Key: { } key }
                && !key.Contains(RecordStepsBatch.AssetIdPlaceholder, StringComparison.Ordinal)
                && key.IndexOf(outcome.AssetId, StringComparison.Ordinal) is var at and >= 0
                && key.IndexOf(outcome.AssetId, at + 1, StringComparison.Ordinal) < 0)
            {
                return string.Concat(key.AsSpan(0, at), RecordStepsBatch.AssetIdPlaceholder.ToString(), key.AsSpan(at + outcome.AssetId.Length));
            }
        }

        return null;
    }

    private static string KeyOf(string keys, string assetId) => keys.Replace(RecordStepsBatch.AssetIdPlaceholder.ToString(), assetId, StringComparison.Ordinal);

    private static long? Milliseconds(TimeSpan? wait) => wait is { } w ? (long)Math.Ceiling(w.TotalMilliseconds) : null;

    private static long Before(DateTime at, DateTime time) => (long)(at - time).TotalMilliseconds;
}
