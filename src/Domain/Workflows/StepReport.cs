using Pipeline.Domain.Assets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Status;

namespace Pipeline.Domain.Workflows;

/// <summary>
/// Sends a fan-out's finished assets to the job-status entity. Every signal is history, so completions that arrive
/// within <see cref="FanOutRequest.ReportInterval"/> of the previous report wait and go together: a report goes out
/// when the interval has passed (in workflow time), when <see cref="MaxSteps"/> are waiting, and after the last asset.
/// A waiting asset is reported with the next completion or at the end of the window, whichever comes first, and
/// carries that report's time as its end.
/// </summary>
internal sealed class StepReport(TaskOrchestrationContext context, FanOutRequest request, EntityInstanceId status)
{
    /// <summary>The most steps one report carries (bounds the signal and the entity's batch).</summary>
    public const int MaxSteps = 100;

    private readonly List<AssetStep> _waiting = [];
    private long _reported;
    private DateTime? _lastReport;

    /// <summary>
    /// Who sends: left out in the job's own orchestration (the entity is the job's, so the stage alone is unique), the
    /// instance and stage in a child. Each fan-out numbers its steps from 1.
    /// </summary>
    private string? Source => context.InstanceId == request.JobId ? null : $"{context.InstanceId}/{request.Stage}";

    public async Task AddAsync(IReadOnlyList<AssetOutcome> batch, bool last)
    {
        _waiting.AddRange(batch.Select(o => new AssetStep(o.AssetId, o.Status) { Error = o.Error }));
        var now = context.CurrentUtcDateTime;
        var due = last || _waiting.Count >= MaxSteps || _lastReport is not { } previous || now - previous >= request.ReportInterval;
        if (!due)
        {
            return;
        }

        await context.Entities.SignalEntityAsync(status, nameof(JobStatusEntity.RecordSteps), new RecordStepsBatch
        {
            Source = Source,
            Stage = request.Stage,
            At = new DateTimeOffset(now, TimeSpan.Zero),
            First = _reported + 1,
            Assets = [.. _waiting],
        });
        _reported += _waiting.Count;
        _waiting.Clear();
        _lastReport = now;
    }
}
