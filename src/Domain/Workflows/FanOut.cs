using Pipeline.Domain.Assets;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Status;

namespace Pipeline.Domain.Workflows;

/// <summary>
/// Runs a stage's assets: a sliding window keeps up to <see cref="FanOutRequest.Window"/> activities in flight (a new
/// one starts as soon as any finishes — no chunk barrier); each completion batch is reported to the job's status
/// entity and to custom status. Above <see cref="FanOutRequest.ChunkSize"/> assets the work splits into
/// <see cref="FanOutChunkWorkflow"/> children with deterministic instance ids, several in flight sharing the window,
/// so no history grows without bound. A failed asset becomes a failed outcome; it never stops the others.
/// </summary>
public static class FanOut
{
    /// <param name="onProgress">Receives the stage's progress after each batch; by default it becomes the custom status.</param>
    public static Task<IReadOnlyList<AssetOutcome>> FanOutAsync(this IOrchestrationContext context, FanOutRequest request, Action<FanOutProgress>? onProgress = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Window, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.ChunkSize, 1);
        return RunAsync(context, request, onProgress ?? (p => context.SetCustomStatus(p)));
    }

    /// <summary>The instance id of chunk <paramref name="index"/> of a stage: derived, so replay and retries find it again.</summary>
    public static string ChunkInstanceId(string parentInstanceId, string stage, int index) => $"{parentInstanceId}:{stage}:{index:D4}";

    private static async Task<IReadOnlyList<AssetOutcome>> RunAsync(IOrchestrationContext context, FanOutRequest request, Action<FanOutProgress> onProgress)
    {
        var status = JobStatusEntity.IdFor(request.JobId);
        if (request.ReportsStage)
        {
            await context.Entities.SignalEntityAsync(status, nameof(JobStatusEntity.StageStarted), new StageStarted { Stage = request.Stage, Total = request.StageTotal ?? request.Tasks.Count, At = context.CurrentUtcDateTime });
        }

        var outcomes = request.Tasks.Count > request.ChunkSize
            ? await RunChildrenAsync(context, request, onProgress)
            : await RunWindowAsync(context, request, status, onProgress);

        if (request.ReportsStage)
        {
            await context.Entities.SignalEntityAsync(status, nameof(JobStatusEntity.StageCompleted), new StageCompleted { Stage = request.Stage, At = context.CurrentUtcDateTime });
        }

        return outcomes;
    }

    private static async Task<IReadOnlyList<AssetOutcome>> RunWindowAsync(IOrchestrationContext context, FanOutRequest request, EntityInstanceId status, Action<FanOutProgress> onProgress)
    {
        var options = new TaskOptions(request.Retry.ToPolicy());
        var window = new SlidingWindow<AssetTask, AssetOutcome>(
            request.Tasks,
            request.Window,
            task => context.CallActivityAsync<AssetOutcome>(request.Activity, task.Input, options),
            (task, failure) => FailedOutcome(request.Stage, task.AssetId, failure));
        var report = new StepReport(context, request, status);
        var (done, failed) = (0, 0);
        await foreach (var batch in window.RunAsync())
        {
            done += batch.Count;
            failed += batch.Count(o => o.Status != AssetStatus.Succeeded);
            await report.AddAsync(batch, last: done == request.Tasks.Count);
            onProgress(new FanOutProgress(request.Stage, done, failed, request.Tasks.Count));
        }

        return window.Results;
    }

    private static async Task<IReadOnlyList<AssetOutcome>> RunChildrenAsync(IOrchestrationContext context, FanOutRequest request, Action<FanOutProgress> onProgress)
    {
        var chunks = request.Tasks.Chunk(request.ChunkSize).Select((tasks, index) => (Tasks: (IReadOnlyList<AssetTask>)tasks, Index: index)).ToList();
        var inFlight = Math.Clamp(request.ChildrenInFlight, 1, Math.Min(chunks.Count, request.Window));
        var childWindow = Math.Max(1, request.Window / inFlight);
        var children = new SlidingWindow<(IReadOnlyList<AssetTask> Tasks, int Index), AssetOutcome[]>(
            chunks,
            inFlight,
            chunk => CallChildAsync(context, request, chunk.Tasks, chunk.Index, childWindow),
            (chunk, failure) => chunk.Tasks.Select(t => FailedOutcome(request.Stage, t.AssetId, failure)).ToArray());
        var (done, failed) = (0, 0);
        await foreach (var batch in children.RunAsync())
        {
            done += batch.Sum(b => b.Length);
            failed += batch.Sum(b => b.Count(o => o.Status != AssetStatus.Succeeded));
            onProgress(new FanOutProgress(request.Stage, done, failed, request.Tasks.Count));
        }

        return children.Results.SelectMany(r => r).ToList();
    }

    private static async Task<AssetOutcome[]> CallChildAsync(IOrchestrationContext context, FanOutRequest request, IReadOnlyList<AssetTask> tasks, int index, int window)
    {
        var child = request with { Tasks = tasks, Window = window, ReportsStage = false, ChunkSize = int.MaxValue };
        var outcomes = await context.CallSubOrchestratorAsync<List<AssetOutcome>>(
            nameof(FanOutChunkWorkflow),
            child,
            new SubOrchestrationOptions(ChunkInstanceId(context.InstanceId, request.Stage, index)));
        return [.. outcomes];
    }

    private static AssetOutcome FailedOutcome(string stage, string assetId, TaskFailureDetails failure)
    {
        var kind = failure.IsCausedBy<TransientAssetException>() ? FailureKind.Transient
            : failure.IsCausedBy<PermanentAssetException>() ? FailureKind.Permanent
            : FailureKind.Unknown;
        return AssetOutcome.Failed(assetId, stage, new AssetError(kind, failure.ErrorType, failure.ErrorMessage));
    }
}
