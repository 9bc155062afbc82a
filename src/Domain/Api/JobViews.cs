using Pipeline.Domain.Assets;
using Microsoft.DurableTask.Client;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Status;

namespace Pipeline.Domain.Api;

/// <summary>
/// How the views are made from what the stores hold. The record wins once the job has finished (the final activity,
/// or a cancel, wrote it); before that the status entity and the orchestration say where the job stands, and the
/// step log says which assets are done.
/// </summary>
internal static class JobViews
{
    public static JobView Merge(JobRecord record, OrchestrationMetadata? instance, JobStatusState? state, IReadOnlyList<StepRecord>? steps, bool includeSteps, string baseUrl)
    {
        var finished = record.Status is JobStatus.Completed or JobStatus.CompletedWithErrors or JobStatus.Failed or JobStatus.Cancelled;
        var status = finished ? record.Status : LiveStatus(record, instance, state);
        var error = record.Error ?? state?.Error ?? (instance?.FailureDetails is { } failure ? new JobError { Type = ErrorCodes.Of(failure.ErrorType), Message = failure.ErrorMessage } : null);

        var outcomes = finished || steps is null ? record.Manifest : MergeManifest(record.Manifest, Outcomes(steps));
        var attempts = steps is null ? null : Attempts(steps);
        var stages = state is { Stages.Count: > 0 }
            ? state.Stages.Select(s => new StageView(s.Name, s.Status.ToString(), Math.Max(s.Total, s.Succeeded + s.Failed), s.Succeeded, s.Failed)).ToList()
            : outcomes.GroupBy(o => o.Stage, StringComparer.Ordinal).Select(g => new StageView(
                g.Key,
                (g.Any(o => o.Status is AssetStatus.Failed or AssetStatus.Skipped) ? JobStatus.CompletedWithErrors : finished ? JobStatus.Completed : JobStatus.Running).ToString(),
                g.Count(),
                g.Count(o => o.Status == AssetStatus.Succeeded),
                g.Count(o => o.Status is AssetStatus.Failed or AssetStatus.Skipped))).ToList();

        JobProgressView progress;
        if (finished && record.Progress.Total > 0)
        {
            progress = View(record.Progress);
        }
        else if (stages.Count > 0)
        {
            progress = View(new JobProgress { Total = stages.Sum(s => s.Total), Succeeded = stages.Sum(s => s.Succeeded), Failed = stages.Sum(s => s.Failed) });
        }
        else
        {
            progress = View(ProgressOf(outcomes));
        }

        if (record.Progress.Phase is { } phase)
        {
            // Job types that report phases (podcast episodes: outline 10 %, script 40 %, audio 70 %, upload 90 %) show them as they go.
            progress = progress with { Phase = phase, Percent = record.Progress.Percent ?? progress.Percent };
        }

        return new JobView
        {
            Id = record.Id,
            Type = record.Type,
            Status = status.ToString(),
            CreatedAt = record.CreatedAt,
            UpdatedAt = Latest(record.UpdatedAt, state?.UpdatedAt, instance?.LastUpdatedAt),
            CompletedAt = record.CompletedAt ?? (finished ? null : state?.EndedAt),
            Progress = progress,
            Stages = stages,
            Assets = outcomes.Select(o => Asset(record.Id, o, baseUrl) with { Attempts = attempts is not null && attempts.TryGetValue((o.Stage, o.AssetId), out var n) ? n : null }).ToList(),
            Error = status is JobStatus.Completed or JobStatus.Pending or JobStatus.Running ? null : error,
            Steps = includeSteps ? steps ?? [] : null,
        };
    }

    public static JobSummaryView Summary(JobRecord record, JobStatus status, string baseUrl) => new()
    {
        Id = record.Id,
        Type = record.Type,
        Status = status.ToString(),
        Title = record.Request.Title,
        CreatedAt = record.CreatedAt,
        UpdatedAt = record.UpdatedAt,
        CompletedAt = record.CompletedAt,
        Progress = View(record.Progress.Total > 0 ? record.Progress : ProgressOf(record.Manifest)),
        Error = record.Error,
        StatusQueryGetUri = $"{baseUrl}/api/jobs/{record.Id}",
    };

    /// <summary>The latest outcome of every asset named in the step log, in the order assets first appear.</summary>
    public static IReadOnlyList<AssetOutcome> Outcomes(IReadOnlyList<StepRecord> steps)
    {
        var latest = new Dictionary<(string Stage, string AssetId), AssetOutcome>();
        var order = new List<(string, string)>();
        foreach (var step in steps)
        {
            if (step.AssetId is null)
            {
                continue;
            }

            var key = (step.Stage, step.AssetId);
            if (!latest.ContainsKey(key))
            {
                order.Add(key);
            }

            latest[key] = new AssetOutcome(step.AssetId, step.Stage, step.Status, step.Status == AssetStatus.Succeeded ? step.Blob : null, step.Error) { Usage = step.Usage };
        }

        return order.Select(k => latest[k]).ToList();
    }

    /// <summary>How many attempts each asset named in the step log took (its highest attempt number).</summary>
    public static Dictionary<(string Stage, string AssetId), int> Attempts(IReadOnlyList<StepRecord> steps)
    {
        var attempts = new Dictionary<(string Stage, string AssetId), int>();
        foreach (var step in steps)
        {
            if (step.AssetId is not null)
            {
                attempts[(step.Stage, step.AssetId)] = Math.Max(step.Attempt, attempts.GetValueOrDefault((step.Stage, step.AssetId)));
            }
        }

        return attempts;
    }

    /// <summary>The manifest with newer outcomes laid over it (by stage and asset id); a success is never replaced by less.</summary>
    public static IReadOnlyList<AssetOutcome> MergeManifest(IReadOnlyList<AssetOutcome> manifest, IReadOnlyList<AssetOutcome> newer)
    {
        var merged = manifest.ToList();
        foreach (var outcome in newer)
        {
            var at = merged.FindIndex(o => o.AssetId == outcome.AssetId && o.Stage == outcome.Stage);
            if (at < 0)
            {
                merged.Add(outcome);
            }
            else if (merged[at].Status != AssetStatus.Succeeded || outcome.Status == AssetStatus.Succeeded)
            {
                merged[at] = outcome;
            }
        }

        return merged;
    }

    public static JobProgress ProgressOf(IReadOnlyList<AssetOutcome> outcomes) => new()
    {
        Total = outcomes.Count,
        Succeeded = outcomes.Count(o => o.Status == AssetStatus.Succeeded),
        Failed = outcomes.Count(o => o.Status is AssetStatus.Failed or AssetStatus.Skipped),
    };

    private static JobStatus LiveStatus(JobRecord record, OrchestrationMetadata? instance, JobStatusState? state)
    {
        switch (instance?.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Failed:
                return JobStatus.Failed;
            case OrchestrationRuntimeStatus.Terminated:
                return JobStatus.Cancelled;
            case OrchestrationRuntimeStatus.Running:
                return state?.Status is JobStatus.Running ? JobStatus.Running : state?.Status is { } s && s != JobStatus.Pending ? s : JobStatus.Running;
            case OrchestrationRuntimeStatus.Completed:
                return state?.Status is { } ended and not JobStatus.Pending and not JobStatus.Running ? ended : JobStatus.Running;
            default:
                return record.Status;
        }
    }

    private static AssetView Asset(string jobId, AssetOutcome outcome, string baseUrl) => new()
    {
        Id = outcome.AssetId,
        Stage = outcome.Stage,
        Status = outcome.Status.ToString(),
        ContentType = outcome.Blob?.ContentType,
        Length = outcome.Blob?.Length,
        Sha256 = outcome.Blob?.Sha256,
        Url = outcome is { Status: AssetStatus.Succeeded, Blob: not null } ? $"{baseUrl}/api/jobs/{jobId}/assets/{Uri.EscapeDataString(outcome.AssetId)}" : null,
        Error = outcome.Error,
        Usage = outcome.Usage,
    };

    private static JobProgressView View(JobProgress progress)
    {
        var done = progress.Succeeded + progress.Failed;
        var percent = progress.Percent ?? (progress.Total == 0 ? 0 : (int)Math.Min(100, done * 100L / progress.Total));
        return new JobProgressView(progress.Total, progress.Succeeded, progress.Failed, percent, progress.Phase);
    }

    private static DateTimeOffset Latest(DateTimeOffset first, params DateTimeOffset?[] others)
        => others.Where(o => o.HasValue).Select(o => o!.Value).Append(first).Max();
}
