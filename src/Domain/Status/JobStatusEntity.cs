using System.Text.Json;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Assets;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Status;

/// <summary>
/// The live status of one job (entity key = job id): its status machine (<see cref="JobStatusTransitions"/>), stage
/// progress derived from the steps applied, and the execution-step log. When the serialised state would pass
/// <see cref="JobStatusOptions.OverflowThresholdBytes"/>, the oldest half of the log tail is sealed into an
/// immutable blob and only its reference stays; when references pile up, the oldest half of them is sealed into an
/// index blob the same way. A blob is always written before the state points at it; a failed write fails the
/// operation, and the runtime keeps the previous state. Times come from the inputs (workflow time), never a clock.
/// </summary>
public sealed class JobStatusEntity(IBlobStore blobs, IOptions<JobStatusOptions> options) : TaskEntity<JobStatusState>
{
    private const string SegmentContentType = "application/json";

    private const int BlobLookupsInParallel = 8;

    /// <summary>The entity of a job: named after this type, as the durable catalog registers it; keyed by job id.</summary>
    public static EntityInstanceId IdFor(string jobId) => new(nameof(JobStatusEntity), JobId.Validate(jobId));

    private string JobKey => Context.Id.Key;

    public Task Start(StartJob input)
    {
        ArgumentNullException.ThrowIfNull(input);
        MoveTo(JobStatus.Running);
        State.JobType = input.JobType;
        State.CreatedAt ??= input.CreatedAt ?? input.At;
        State.StartedAt = input.At;
        State.EndedAt = null;
        State.Error = null;
        State.UpdatedAt = input.At;
        return SealOverflowAsync();
    }

    public Task StageStarted(StageStarted input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegative(input.Total);
        Touch();
        var stage = StageFor(input.Stage, input.At);
        stage.Total = input.Total;
        stage.StartedAt ??= input.At;
        if (stage.Status == JobStatus.Pending)
        {
            stage.Status = JobStatus.Running;
        }

        State.UpdatedAt = input.At;
        return SealOverflowAsync();
    }

    /// <summary>
    /// Applies a batch of steps in sequence order and returns how many were new. Steps at or below the sender's
    /// highest applied sequence are redeliveries and are ignored, so sending a batch again changes nothing.
    /// Steps are accepted whatever the job status: a step that lands after a cancel still belongs in the log. A new
    /// succeeded step that names only its blob's key gets the stored blob's length, content type and SHA-256 (read once,
    /// here, so a running job's view can show them); should the store not answer, the step is kept without them. A
    /// batch that <see cref="RecordStepsBatch.CompletesStage"/> then ends its stage as <see cref="StageCompleted"/> does.
    /// </summary>
    public async Task<int> RecordSteps(RecordStepsBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var sender = batch.Sender;
        ArgumentException.ThrowIfNullOrEmpty(sender, nameof(batch.Source));
        var steps = batch.StepsWithBlobKeys().ToList();
        foreach (var (step, _) in steps)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(step.Sequence, 1, nameof(StepRecord.Sequence));
        }

        Touch();
        State.HighestSequenceBySource.TryGetValue(sender, out var highest);
        var fresh = new List<(StepRecord Step, string? BlobKey)>();
        foreach (var entry in steps)
        {
            if (entry.Step.Sequence <= highest)
            {
                continue;
            }

            fresh.Add(entry);
            highest = entry.Step.Sequence;
        }

        foreach (var step in await DescribeBlobsAsync(fresh))
        {
            Apply(step);
        }

        if (fresh.Count > 0)
        {
            State.HighestSequenceBySource[sender] = highest;
            State.HighestSequence = Math.Max(State.HighestSequence, highest);
        }

        if (batch is { CompletesStage: true, Stage: { } stage, At: { } at })
        {
            CompleteStage(stage, at, null);
        }

        await SealOverflowAsync();
        return fresh.Count;
    }

    public Task StageCompleted(StageCompleted input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CompleteStage(input.Stage, input.At, input.ErrorSummary);
        return SealOverflowAsync();
    }

    /// <summary>Ends a running job: CompletedWithErrors when any stage has failed assets, otherwise Completed.</summary>
    public Task Complete(CompleteJob input)
    {
        ArgumentNullException.ThrowIfNull(input);
        MoveTo(State.Stages.Exists(s => s.Failed > 0) ? JobStatus.CompletedWithErrors : JobStatus.Completed);
        State.EndedAt = input.At;
        State.UpdatedAt = input.At;
        return SealOverflowAsync();
    }

    public Task Fail(FailJob input)
    {
        ArgumentNullException.ThrowIfNull(input);
        MoveTo(JobStatus.Failed);
        State.Error = input.Error;
        State.EndedAt = input.At;
        State.UpdatedAt = input.At;
        return SealOverflowAsync();
    }

    public Task Cancel(CancelJob input)
    {
        ArgumentNullException.ThrowIfNull(input);
        MoveTo(JobStatus.Cancelled);
        foreach (var stage in State.Stages.Where(s => s.Status is JobStatus.Pending or JobStatus.Running))
        {
            stage.Status = JobStatus.Cancelled;
            stage.EndedAt = input.At;
        }

        State.Error = input.Reason is null ? null : new JobError { Type = "Cancelled", Message = input.Reason };
        State.EndedAt = input.At;
        State.UpdatedAt = input.At;
        return SealOverflowAsync();
    }

    /// <summary>
    /// Makes a job that ended with failures (or was cancelled) Pending again so its failed assets can run again.
    /// Succeeded counts are kept (those assets are reused); failed and in-flight assets go back to pending; the step
    /// log starts afresh: its segment blobs are deleted and no reference to them remains.
    /// </summary>
    public async Task ResetForRetry(ResetJobForRetry input)
    {
        ArgumentNullException.ThrowIfNull(input);
        MoveTo(JobStatus.Pending);
        State.StartedAt = null;
        State.EndedAt = null;
        State.Error = null;
        State.UpdatedAt = input.At;
        foreach (var stage in State.Stages)
        {
            if (stage.Status == JobStatus.Completed && stage.Failed == 0 && stage.InFlight == 0)
            {
                continue;
            }

            stage.Status = JobStatus.Pending;
            stage.Failed = 0;
            stage.InFlight = 0;
            stage.OpenAssets.Clear();
            stage.EndedAt = null;
            stage.ErrorSummary = null;
        }

        ClearLog();

        // Last, once nothing else can fail: should the store fail here, the operation fails, the previous state
        // is kept and the reset can be sent again (deleting is idempotent).
        await DeleteSegmentBlobsAsync();
    }

    public JobStatusState Get()
    {
        Touch();
        return State;
    }

    /// <summary>Deletes the entity and every segment blob of its log (replaces the implicit <c>delete</c>).</summary>
    public Task Delete() => PurgeCoreAsync();

    /// <summary>Same as <see cref="Delete"/>: removes the state and the segment blobs.</summary>
    public Task Purge() => PurgeCoreAsync();

    protected override JobStatusState InitializeState(TaskEntityOperation entityOperation) => new();

    private async Task PurgeCoreAsync()
    {
        await DeleteSegmentBlobsAsync();
        State = null!;
    }

    private Task<int> DeleteSegmentBlobsAsync()
        // By prefix rather than by reference: it also removes a blob written by an operation that then failed.
        => blobs.DeleteByPrefixAsync(StatusBlobKeys.SegmentPrefix(JobId.Validate(JobKey, "entity key")), CancellationToken.None);

    private void ClearLog()
    {
        State.Steps.Clear();
        State.Segments.Clear();
        State.StepCount = 0;
        State.HighestSequenceBySource.Clear();
        State.HighestSequence = 0;
    }

    private void Touch() => State.JobId ??= JobKey;

    private void MoveTo(JobStatus to)
    {
        Touch();
        JobStatusTransitions.Ensure(JobKey, State.Status, to);
        State.Status = to;
    }

    private StageProgress StageFor(string name, DateTimeOffset? startedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var stage = State.Stages.Find(s => string.Equals(s.Name, name, StringComparison.Ordinal));
        if (stage is null)
        {
            stage = new StageProgress { Name = name, Status = JobStatus.Running, StartedAt = startedAt };
            State.Stages.Add(stage);
        }

        return stage;
    }

    private void CompleteStage(string name, DateTimeOffset at, string? errorSummary)
    {
        Touch();
        var stage = StageFor(name, at);
        stage.Status = stage.Failed > 0 ? JobStatus.CompletedWithErrors : JobStatus.Completed;
        stage.EndedAt = at;
        stage.ErrorSummary = errorSummary
            ?? (stage.Failed > 0 ? $"{stage.Failed} of {Math.Max(stage.Total, stage.Failed + stage.Succeeded)} assets failed." : null);
        State.UpdatedAt = at;
    }

    /// <summary>The steps, each succeeded one that names only a blob key completed with the stored blob's properties.</summary>
    private async Task<StepRecord[]> DescribeBlobsAsync(List<(StepRecord Step, string? BlobKey)> steps)
    {
        var described = steps.Select(s => s.Step).ToArray();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, steps.Count).Where(i => steps[i] is { BlobKey: not null, Step.Blob: null }),
            new ParallelOptions { MaxDegreeOfParallelism = BlobLookupsInParallel },
            async (i, cancellationToken) =>
            {
                try
                {
                    var properties = await blobs.GetPropertiesAsync(steps[i].BlobKey!, cancellationToken);
                    described[i] = described[i] with { Blob = properties.ToRef() };
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The step stays without the blob's details; the job record has them once the job ends.
                }
            });
        return described;
    }

    private void Apply(StepRecord step)
    {
        var stage = StageFor(step.Stage, step.StartedAt);
        State.Steps.Add(step);
        State.StepCount++;
        var at = step.EndedAt ?? step.StartedAt;
        if (at is not null && (State.UpdatedAt is null || at > State.UpdatedAt))
        {
            State.UpdatedAt = at;
        }

        if (step.AssetId is null)
        {
            return;
        }

        // An asset counts once per stage, by its latest status.
        if (stage.OpenAssets.Remove(step.AssetId, out var previous))
        {
            Count(stage, previous, -1);
        }

        if (step.Status == AssetStatus.Succeeded)
        {
            stage.Succeeded++;
        }
        else
        {
            stage.OpenAssets[step.AssetId] = step.Status;
            Count(stage, step.Status, +1);
        }
    }

    private static void Count(StageProgress stage, AssetStatus status, int delta)
    {
        switch (status)
        {
            case AssetStatus.Running:
                stage.InFlight += delta;
                break;
            case AssetStatus.Failed or AssetStatus.Skipped:
                stage.Failed += delta;
                break;
            default:
                break;
        }
    }

    private async Task SealOverflowAsync()
    {
        var limit = options.Value.OverflowThresholdBytes;
        while (true)
        {
            var size = SizeOf(State);
            if (size <= limit)
            {
                return;
            }

            if (State.Segments.Count >= 2 && (State.Steps.Count == 0 || SizeOf(State.Segments) * 4 > limit))
            {
                await SealOldestSegmentRefsAsync();
            }
            else if (State.Steps.Count > 0)
            {
                await SealOldestStepsAsync((State.Steps.Count + 1) / 2);
            }
            else
            {
                throw new JobStatusStateTooLargeException(JobKey, size, limit);
            }
        }
    }

    private async Task SealOldestStepsAsync(int count)
    {
        var chunk = State.Steps.GetRange(0, count);
        var number = State.NextSegmentNumber;
        var blob = await WriteSegmentAsync(number, chunk);
        State.Segments.Add(new StepSegmentRef
        {
            FirstSequence = chunk[0].Sequence,
            LastSequence = chunk[^1].Sequence,
            Count = chunk.Count,
            Level = 0,
            Blob = blob,
        });
        State.Steps.RemoveRange(0, count);
        State.NextSegmentNumber = number + 1;
    }

    private async Task SealOldestSegmentRefsAsync()
    {
        var count = Math.Max(2, State.Segments.Count / 2);
        var chunk = State.Segments.GetRange(0, count);
        var number = State.NextSegmentNumber;
        var blob = await WriteSegmentAsync(number, chunk);
        State.Segments.RemoveRange(0, count);
        State.Segments.Insert(0, new StepSegmentRef
        {
            FirstSequence = chunk[0].FirstSequence,
            LastSequence = chunk[^1].LastSequence,
            Count = chunk.Sum(s => s.Count),
            Level = chunk.Max(s => s.Level) + 1,
            Blob = blob,
        });
        State.NextSegmentNumber = number + 1;
    }

    private async Task<BlobRef> WriteSegmentAsync<T>(int number, List<T> items)
    {
        var key = StatusBlobKeys.Segment(JobId.Validate(JobKey, "entity key"), number);
        using var content = new MemoryStream();
        await JsonSerializer.SerializeAsync(content, items, JsonPayloadConverter.Options, CancellationToken.None);
        content.Position = 0;

        // Overwriting is safe: a key above every committed segment can only hold a blob of an operation that failed.
        return await blobs.PutAsync(key, content, SegmentContentType, CancellationToken.None);
    }

    private static int SizeOf<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, JsonPayloadConverter.Options).Length;
}
