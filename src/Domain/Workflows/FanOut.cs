using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Domain.Assets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Status;

namespace Pipeline.Domain.Workflows;

/// <summary>
/// Runs a stage's assets: a sliding window keeps up to <see cref="FanOutRequest.Window"/> activities in flight (a new
/// one starts as soon as any finishes — no chunk barrier), the most expensive first when tasks carry a cost.
/// Completions are reported to the job's status entity (see <see cref="StepReport"/>) and to custom status. Above
/// <see cref="FanOutRequest.ChunkSize"/> assets the work splits into <see cref="FanOutChunkWorkflow"/> children with
/// deterministic instance ids, several in flight sharing the window, so no history grows without bound. A failed
/// asset becomes a failed outcome; it never stops the others.
/// <para>
/// Each asset's attempts run here rather than under an SDK retry policy, so that each is numbered and recorded: attempt
/// n > 1 gets <c>"attempt": n</c> in its input (activities and the generators below them read it, see
/// <see cref="Activities.ActivityAttempt"/>), a failed attempt is retried after <see cref="AssetRetryOptions.DelayAfter(int)"/>
/// on a durable timer — or after the provider's Retry-After when that is longer, cut to
/// <see cref="AssetRetryOptions.MaxInterval"/> — up to <see cref="AssetRetryOptions.MaxAttempts"/>, and a permanent failure
/// never. Only that asset waits: the window's other activities go on. The history is
/// the one the policy wrote (scheduled, failed, timer, scheduled, …).
/// </para>
/// </summary>
public static class FanOut
{
    /// <param name="onProgress">Receives the stage's progress after each batch; by default it becomes the custom status.</param>
    public static Task<IReadOnlyList<AssetOutcome>> FanOutAsync(this TaskOrchestrationContext context, FanOutRequest request, Action<FanOutProgress>? onProgress = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Window, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.ChunkSize, 1);
        return RunAsync(context, request, onProgress ?? (p => context.SetCustomStatus(p)));
    }

    /// <summary>The instance id of chunk <paramref name="index"/> of a stage: derived, so replay and retries find it again.</summary>
    public static string ChunkInstanceId(string parentInstanceId, string stage, int index) => $"{parentInstanceId}:{stage}:{index:D4}";

    private static async Task<IReadOnlyList<AssetOutcome>> RunAsync(TaskOrchestrationContext context, FanOutRequest request, Action<FanOutProgress> onProgress)
    {
        var status = JobStatusEntity.IdFor(request.JobId);
        if (request.ReportsStage)
        {
            await context.Entities.SignalEntityAsync(status, nameof(JobStatusEntity.StageStarted), new StageStarted { Stage = request.Stage, Total = request.StageTotal ?? request.Tasks.Count, At = context.CurrentUtcDateTime });
        }

        var (outcomes, stageReported) = request.Tasks.Count > request.ChunkSize
            ? (await RunChildrenAsync(context, request, onProgress), false)
            : await RunWindowAsync(context, request, status, onProgress);

        if (request.ReportsStage && !stageReported)
        {
            await context.Entities.SignalEntityAsync(status, nameof(JobStatusEntity.StageCompleted), new StageCompleted { Stage = request.Stage, At = context.CurrentUtcDateTime });
        }

        return outcomes;
    }

    /// <summary>
    /// The order to start tasks in: most expensive first when tasks carry a cost (tasks without one count as the
    /// cheapest), ties — and tasks without costs — in request order.
    /// </summary>
    internal static IReadOnlyList<int> StartOrder(IReadOnlyList<AssetTask> tasks)
        => [.. Enumerable.Range(0, tasks.Count).OrderByDescending(i => tasks[i].Cost ?? double.NegativeInfinity).ThenBy(i => i)];

    /// <summary>
    /// The tasks of each child, as indexes into the request. There are at least N ÷ <see cref="FanOutRequest.ChunkSize"/>
    /// children, rounded up to a multiple of the children in flight so that the last of them do not run alone on part
    /// of the window. Without costs, each child takes a consecutive run of tasks; with costs, the start order is dealt
    /// out in turn, so every child gets its share of expensive and cheap assets and starts its most expensive first.
    /// </summary>
    internal static IReadOnlyList<IReadOnlyList<int>> ChunkOrder(IReadOnlyList<AssetTask> tasks, int chunkSize, int childrenInFlight)
    {
        var count = (tasks.Count + chunkSize - 1) / chunkSize;
        if (count > childrenInFlight)
        {
            count = (count + childrenInFlight - 1) / childrenInFlight * childrenInFlight;
        }

        var order = StartOrder(tasks);
        if (!tasks.Any(t => t.Cost is not null))
        {
            return [.. order.Chunk((tasks.Count + count - 1) / count)];
        }

        return [.. Enumerable.Range(0, count).Select(c => (IReadOnlyList<int>)[.. order.Where((_, position) => position % count == c)])];
    }

    /// <summary>A time cut to whole milliseconds: the step log's times travel as milliseconds.</summary>
    internal static DateTime Milliseconds(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    /// <summary>The window's outcomes, and whether its last status report also ended the stage.</summary>
    private static async Task<(IReadOnlyList<AssetOutcome> Outcomes, bool StageReported)> RunWindowAsync(TaskOrchestrationContext context, FanOutRequest request, EntityInstanceId status, Action<FanOutProgress> onProgress)
    {
        var order = StartOrder(request.Tasks);
        var window = new SlidingWindow<int, AssetRun>(
            order,
            request.Window,
            i => RunAttemptsAsync(context, request, request.Tasks[i]),
            (i, failure) => new AssetRun(FailedOutcome(request.Stage, request.Tasks[i].AssetId, failure), Milliseconds(context.CurrentUtcDateTime), Milliseconds(context.CurrentUtcDateTime), []));
        var report = new StepReport(context, request, status);
        var (done, failed, stageReported) = (0, 0, false);
        await foreach (var batch in window.RunAsync())
        {
            done += batch.Count;
            failed += batch.Count(r => r.Outcome.Status != AssetStatus.Succeeded);
            stageReported |= await report.AddAsync(batch, last: done == request.Tasks.Count, completesStage: request.ReportsStage);
            onProgress(new FanOutProgress(request.Stage, done, failed, request.Tasks.Count));
        }

        return (InRequestOrder(request.Tasks.Count, [(order, [.. window.Results.Select(r => r.Outcome)])]), stageReported);
    }

    /// <summary>Runs an asset's attempts until one succeeds, fails permanently, or the last allowed one fails.</summary>
    private static async Task<AssetRun> RunAttemptsAsync(TaskOrchestrationContext context, FanOutRequest request, AssetTask task)
    {
        var failures = new List<AttemptRun>();
        for (var attempt = 1; ; attempt++)
        {
            var started = Milliseconds(context.CurrentUtcDateTime);
            TaskFailureDetails failure;
            try
            {
                var outcome = await context.CallActivityAsync<AssetOutcome>(request.Activity, WithAttempt(task.Input, attempt));
                return new AssetRun(outcome, started, Milliseconds(context.CurrentUtcDateTime), failures);
            }
            catch (TaskFailedException e)
            {
                failure = e.FailureDetails;
            }

            var ended = Milliseconds(context.CurrentUtcDateTime);
            var (failed, retryAfter) = Failed(request.Stage, task.AssetId, failure);
            if (failed.Error!.Kind == FailureKind.Permanent || attempt >= request.Retry.MaxAttempts)
            {
                return new AssetRun(failed, started, ended, failures);
            }

            var honoured = retryAfter is { } asked ? request.Retry.CappedRetryAfter(asked) : (TimeSpan?)null;
            failures.Add(new AttemptRun(started, ended, failed.Error, honoured));
            await WaitUntilAsync(context, ended + request.Retry.DelayAfter(attempt, honoured));
        }
    }

    /// <summary>The activity input of an attempt: the task's own for the first, with <c>"attempt": n</c> from the second on.</summary>
    internal static JsonElement WithAttempt(JsonElement input, int attempt)
    {
        if (attempt <= 1 || input.ValueKind != JsonValueKind.Object)
        {
            return input;
        }

        var node = JsonObject.Create(input)!;
        node["attempt"] = attempt;
        return JsonSerializer.SerializeToElement(node, Payloads.JsonPayloadConverter.Options);
    }

    /// <summary>
    /// Waits on durable timers until workflow time reaches <paramref name="fireAt"/>: a backend that keeps queue delays in
    /// whole seconds can fire a timer early, and the backoff must still hold.
    /// </summary>
    private static async Task WaitUntilAsync(TaskOrchestrationContext context, DateTime fireAt)
    {
        do
        {
            await context.CreateTimer(fireAt, CancellationToken.None);
        }
        while (context.CurrentUtcDateTime < fireAt);
    }

    private static async Task<IReadOnlyList<AssetOutcome>> RunChildrenAsync(TaskOrchestrationContext context, FanOutRequest request, Action<FanOutProgress> onProgress)
    {
        var inFlight = Math.Clamp(request.ChildrenInFlight, 1, Math.Min((request.Tasks.Count + request.ChunkSize - 1) / request.ChunkSize, request.Window));
        var chunks = ChunkOrder(request.Tasks, request.ChunkSize, inFlight).Select((indexes, number) => (Indexes: indexes, Number: number)).ToList();
        var childWindow = Math.Max(1, request.Window / inFlight);
        var children = new SlidingWindow<(IReadOnlyList<int> Indexes, int Number), AssetOutcome[]>(
            chunks,
            inFlight,
            chunk => CallChildAsync(context, request, [.. chunk.Indexes.Select(i => request.Tasks[i])], chunk.Number, childWindow),
            (chunk, failure) => [.. chunk.Indexes.Select(i => FailedOutcome(request.Stage, request.Tasks[i].AssetId, failure))]);
        var (done, failed) = (0, 0);
        await foreach (var batch in children.RunAsync())
        {
            done += batch.Sum(b => b.Length);
            failed += batch.Sum(b => b.Count(o => o.Status != AssetStatus.Succeeded));
            onProgress(new FanOutProgress(request.Stage, done, failed, request.Tasks.Count));
        }

        return InRequestOrder(request.Tasks.Count, chunks.Select((chunk, c) => (chunk.Indexes, (IReadOnlyList<AssetOutcome>)children.Results[c])));
    }

    /// <summary>Puts outcomes produced in other orders (start order, children) back in the order of the request's tasks.</summary>
    private static AssetOutcome[] InRequestOrder(int count, IEnumerable<(IReadOnlyList<int> Indexes, IReadOnlyList<AssetOutcome> Outcomes)> parts)
    {
        var outcomes = new AssetOutcome[count];
        foreach (var (indexes, produced) in parts)
        {
            for (var k = 0; k < indexes.Count; k++)
            {
                outcomes[indexes[k]] = produced[k];
            }
        }

        return outcomes;
    }

    private static async Task<AssetOutcome[]> CallChildAsync(TaskOrchestrationContext context, FanOutRequest request, IReadOnlyList<AssetTask> tasks, int index, int window)
    {
        var child = request with { Tasks = tasks, Window = window, ReportsStage = false, ChunkSize = int.MaxValue };
        var outcomes = await context.CallSubOrchestratorAsync<List<AssetOutcome>>(
            nameof(FanOutChunkWorkflow),
            child,
            new SubOrchestrationOptions(instanceId: ChunkInstanceId(context.InstanceId, request.Stage, index)));
        return [.. outcomes];
    }

    private static AssetOutcome FailedOutcome(string stage, string assetId, TaskFailureDetails failure) => Failed(stage, assetId, failure).Outcome;

    /// <summary>
    /// The failed outcome of an attempt and, for a transient failure whose provider named one, its Retry-After (read from
    /// the recorded failure, so replay sees the same value; the message shown keeps the provider's words alone).
    /// </summary>
    private static (AssetOutcome Outcome, TimeSpan? RetryAfter) Failed(string stage, string assetId, TaskFailureDetails failure)
    {
        var kind = failure.IsCausedBy<TransientAssetException>() ? FailureKind.Transient
            : failure.IsCausedBy<PermanentAssetException>() ? FailureKind.Permanent
            : FailureKind.Unknown;
        var (message, retryAfter) = kind == FailureKind.Transient ? AssetFailures.SplitRetryAfter(failure.ErrorMessage) : (failure.ErrorMessage, null);
        return (AssetOutcome.Failed(assetId, stage, new AssetError(kind, ErrorCodes.Of(failure.ErrorType), message)), retryAfter);
    }
}
