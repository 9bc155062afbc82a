using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Assets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Lecture;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Podcast;
using Pipeline.Domain.Podcast.Diarization;
using Pipeline.Domain.Status;

namespace Pipeline.Domain.Api;

/// <summary>
/// The request handling behind every route of the HTTP API (API.md), written once for both hosts: plain calls that
/// take strings and streams and return an <see cref="ApiResult"/>. Works over the client port, the job repository and
/// the blob store only, so the Azure Functions triggers and the standalone host answer alike.
/// </summary>
public sealed class JobsApi(
    DurableTaskClient client,
    IJobRepository jobs,
    IBlobStore blobs,
    PayloadJanitor janitor,
    IOptions<JobsApiOptions> options,
    TimeProvider time,
    ILogger<JobsApi> logger)
{
    /// <summary>How response bodies are written: camelCase, enums as names, nulls left out.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly JobStatus[] Finished = [JobStatus.Completed, JobStatus.CompletedWithErrors, JobStatus.Failed, JobStatus.Cancelled];

    /// <summary>How often a start looks again when the record it found changed or went away under it.</summary>
    private const int MaxStartAttempts = 5;

    private JobsApiOptions Limits => options.Value;

    /// <summary>The blob that keeps a job's validated request, so a retry can run it again (the workflow's claim check).</summary>
    public static string RequestKey(string jobId) => LectureRequestStore.KeyFor(jobId);

    /// <summary><c>POST /api/jobs/{type}</c>.</summary>
    public async Task<ApiResult> StartAsync(string type, Stream body, long? contentLength, string? contentType, string baseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!JobType.IsKnown(type))
        {
            return Problems.NotFound($"There is no job type '{Problems.Cut(type ?? string.Empty, 80)}'; the types are {string.Join(", ", JobType.All)}.");
        }

        if (contentType is not null && !IsJson(contentType))
        {
            return Problems.UnsupportedMediaType(contentType);
        }

        if (contentLength > Limits.MaxRequestBytes)
        {
            return Problems.TooLarge(Limits.MaxRequestBytes);
        }

        var bytes = await JsonBody.ReadLimitedAsync(body, Limits.MaxRequestBytes, cancellationToken);
        if (bytes is null)
        {
            return Problems.TooLarge(Limits.MaxRequestBytes);
        }

        switch (type)
        {
            case JobType.PodcastEpisode:
                return await StartOtherAsync<PodcastEpisodeRequest>(
                    type, bytes, baseUrl, r => r.Validate(), r => r.JobId, (r, id) => r with { JobId = id }, (id, r) => new PodcastEpisodeJob { JobId = id, Request = r }, r => r.Title ?? r.Topic, cancellationToken);
            case JobType.Diarization:
                return await StartOtherAsync<DiarizationRequest>(
                    type, bytes, baseUrl, r => r.Validate(), r => r.JobId, (r, id) => r with { JobId = id }, (id, r) => new DiarizationJob { JobId = id, Request = r }, r => r.Audio, cancellationToken);
        }

        var (request, problem) = JsonBody.Parse<LectureMediaRequest>(bytes, Limits.MaxJsonDepth);
        if (problem is not null)
        {
            return problem;
        }

        var errors = request!.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var jobId = request.JobId ?? NewJobId();
        request = request with { JobId = jobId };
        var requestJson = JsonSerializer.SerializeToUtf8Bytes(request, JsonPayloadConverter.Options);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(requestJson));
        var now = time.GetUtcNow();
        var record = new JobRecord
        {
            Id = jobId,
            Type = JobType.LectureMedia,
            Request = new JobRequestSummary
            {
                Title = request.Title,
                Sha256 = sha256,
                Counts = new Dictionary<string, int>(StringComparer.Ordinal)
                {
                    ["segments"] = request.Segments!.Count,
                    ["imagePrompts"] = request.Segments.Sum(s => s.ImagePrompts?.Count ?? 0),
                    ["music"] = request.Music is null ? 0 : 1,
                },
            },
            Status = JobStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };

        return await StartJobAsync(
            new StartPlan(
                record,
                token => PutRequestAsync(jobId, requestJson, token),
                token => blobs.DeleteAsync(RequestKey(jobId), token),
                token => ScheduleAsync(request, [], token)),
            baseUrl,
            cancellationToken);
    }

    /// <summary><c>GET /api/jobs/{id}</c>; <paramref name="includeSteps"/> adds the execution-step log.</summary>
    public async Task<ApiResult> GetAsync(string id, bool includeSteps, string baseUrl, CancellationToken cancellationToken)
    {
        if (InvalidId(id) is { } invalid)
        {
            return invalid;
        }

        var record = await jobs.GetAsync(id, cancellationToken);
        if (record is null)
        {
            return NoSuchJob(id);
        }

        var instance = await client.GetInstanceAsync(id, cancellation: cancellationToken);
        var entity = await client.Entities.GetEntityAsync<JobStatusState>(JobStatusEntity.IdFor(id), cancellationToken);
        var needLog = includeSteps || (!IsFinished(record.Status) && entity is not null);
        var steps = needLog && entity is not null ? await ReadStepsAsync(entity.State, cancellationToken) : null;
        return ApiResult.Ok(JobViews.Merge(record, instance, entity?.State, steps, includeSteps, baseUrl));
    }

    /// <summary><c>GET /api/jobs?status=&amp;type=&amp;limit=&amp;continuationToken=</c>.</summary>
    public async Task<ApiResult> ListAsync(string? status, string? type, string? limit, string? continuationToken, string baseUrl, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        JobStatus? statusFilter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (Enum.TryParse<JobStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(status, CultureInfo.InvariantCulture, out _))
            {
                statusFilter = parsed;
            }
            else
            {
                errors.Add("status", $"'{Problems.Cut(status, 40)}' is not a status; choose from {string.Join(", ", Enum.GetNames<JobStatus>())}.");
            }
        }

        if (!string.IsNullOrEmpty(type) && !JobType.IsKnown(type))
        {
            errors.Add("type", $"'{Problems.Cut(type, 40)}' is not a job type; choose from {string.Join(", ", JobType.All)}.");
        }

        var pageSize = Limits.DefaultPageSize;
        if (!string.IsNullOrEmpty(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > JobQuery.MaxLimit))
        {
            errors.Add("limit", $"must be a whole number from 1 to {JobQuery.MaxLimit}.");
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            try
            {
                JobListCursor.Parse(continuationToken);
            }
            catch (ArgumentException)
            {
                errors.Add("continuationToken", "is not a token this service issued.");
            }
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var page = await jobs.ListAsync(
            new JobQuery { Status = statusFilter, Type = string.IsNullOrEmpty(type) ? null : type, Limit = pageSize, ContinuationToken = string.IsNullOrEmpty(continuationToken) ? null : continuationToken },
            cancellationToken);
        var items = new List<JobSummaryView>(page.Items.Count);
        foreach (var record in page.Items)
        {
            var running = record.Status == JobStatus.Pending
                && await client.GetInstanceAsync(record.Id, cancellation: cancellationToken) is { RuntimeStatus: OrchestrationRuntimeStatus.Running };
            items.Add(JobViews.Summary(record, running ? JobStatus.Running : record.Status, baseUrl));
        }

        var next = page.ContinuationToken is null
            ? null
            : $"{baseUrl}/api/jobs?{Query(("status", status), ("type", type), ("limit", pageSize.ToString(CultureInfo.InvariantCulture)), ("continuationToken", page.ContinuationToken))}";
        return ApiResult.Ok(new JobListView { Items = items, ContinuationToken = page.ContinuationToken, NextLink = next });
    }

    /// <summary><c>POST /api/jobs/{id}/cancel</c>: stops the job; assets that finished are kept in its manifest.</summary>
    public async Task<ApiResult> CancelAsync(string id, string baseUrl, CancellationToken cancellationToken)
    {
        if (InvalidId(id) is { } invalid)
        {
            return invalid;
        }

        var record = await jobs.GetAsync(id, cancellationToken);
        if (record is null)
        {
            return NoSuchJob(id);
        }

        if (IsFinished(record.Status))
        {
            return Problems.Conflict($"Job '{id}' has already finished ({record.Status}); only a pending or running job can be cancelled.");
        }

        const string reason = "Cancelled on request.";
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = id }).WithCancellation(cancellationToken))
        {
            if (instance.IsRunning && (instance.InstanceId == id || instance.InstanceId.StartsWith(id + ":", StringComparison.Ordinal)))
            {
                await client.TerminateInstanceAsync(instance.InstanceId, reason, cancellationToken);
            }
        }

        var now = time.GetUtcNow();
        var entity = await client.Entities.GetEntityAsync<JobStatusState>(JobStatusEntity.IdFor(id), cancellationToken);
        var kept = entity is null ? [] : JobViews.Outcomes(await ReadStepsAsync(entity.State, cancellationToken)).Where(o => o.Status == AssetStatus.Succeeded).ToList();
        await client.Entities.SignalEntityAsync(JobStatusEntity.IdFor(id), nameof(JobStatusEntity.Cancel), new CancelJob { At = now, Reason = reason }, cancellation: cancellationToken);
        await jobs.UpdateAsync(
            id,
            current => IsFinished(current.Status)
                ? current
                : current with
                {
                    Status = JobStatus.Cancelled,
                    CompletedAt = now,
                    Manifest = JobViews.MergeManifest(current.Manifest, kept),
                    Progress = JobViews.ProgressOf(JobViews.MergeManifest(current.Manifest, kept)),
                    Error = new JobError { Type = "Cancelled", Message = reason },
                },
            cancellationToken);
        ApiLog.Cancelled(logger, id, kept.Count);
        return Accepted(id, baseUrl);
    }

    /// <summary>
    /// <c>POST /api/jobs/{id}/retry</c>: runs again only the assets that did not succeed; every succeeded asset is
    /// reused from the previous outcomes. The status entity is reset (its old step log and segment blobs go).
    /// </summary>
    public async Task<ApiResult> RetryAsync(string id, string baseUrl, CancellationToken cancellationToken)
    {
        if (InvalidId(id) is { } invalid)
        {
            return invalid;
        }

        var record = await jobs.GetAsync(id, cancellationToken);
        if (record is null)
        {
            return NoSuchJob(id);
        }

        if (RetryRefusal(record) is { } refusal)
        {
            return refusal;
        }

        if (await client.GetInstanceAsync(id, cancellation: cancellationToken) is { IsRunning: true })
        {
            return Problems.Conflict($"Job '{id}' is still running; wait for it to finish or cancel it first.");
        }

        LectureMediaRequest? request;
        try
        {
            await using var stored = await blobs.GetAsync(RequestKey(id), cancellationToken);
            request = await JsonSerializer.DeserializeAsync<LectureMediaRequest>(stored, JsonPayloadConverter.Options, cancellationToken);
        }
        catch (BlobNotFoundException)
        {
            request = null;
        }

        if (request is null)
        {
            return Problems.Conflict($"Job '{id}' cannot be retried: its request is no longer stored.");
        }

        // The record is the claim: of two concurrent retries, one moves it to Pending and the other sees that.
        var now = time.GetUtcNow();
        var claimed = false;
        record = await jobs.UpdateAsync(
            id,
            current =>
            {
                claimed = RetryRefusal(current) is null;
                return claimed ? current with { Status = JobStatus.Pending, CompletedAt = null, Error = null } : current;
            },
            cancellationToken);
        if (!claimed)
        {
            return RetryRefusal(record) ?? Problems.Conflict($"Job '{id}' changed while the retry started.");
        }

        await client.PurgeInstanceAsync(id, new PurgeInstanceOptions(Recursive: true), cancellationToken);
        await client.Entities.SignalEntityAsync(JobStatusEntity.IdFor(id), nameof(JobStatusEntity.ResetForRetry), new ResetJobForRetry { At = now }, cancellation: cancellationToken);
        try
        {
            await ScheduleAsync(request, record.Manifest, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            ApiLog.RetryRefused(logger, id, e);
            return Problems.Conflict($"Job '{id}' is already running again.");
        }

        ApiLog.Retried(logger, id, record.Manifest.Count(o => o.Status == AssetStatus.Succeeded), record.Manifest.Count(o => o.Status != AssetStatus.Succeeded));
        return Accepted(id, baseUrl);
    }

    /// <summary><c>GET /api/jobs/{id}/assets/{assetId}</c>: the bytes of a succeeded asset.</summary>
    public async Task<ApiResult> GetAssetAsync(string id, string assetId, CancellationToken cancellationToken)
    {
        if (InvalidId(id) is { } invalid)
        {
            return invalid;
        }

        if (!IsAssetId(assetId))
        {
            return Problems.Field("assetId", "must be 1 to 255 characters from A-Z a-z 0-9 '-' '_' '.', and not '.' or '..'.");
        }

        var record = await jobs.GetAsync(id, cancellationToken);
        if (record is null)
        {
            return NoSuchJob(id);
        }

        var outcome = record.Manifest.FirstOrDefault(o => o.AssetId == assetId && o.Status == AssetStatus.Succeeded);
        if (outcome is null && !IsFinished(record.Status)
            && await client.Entities.GetEntityAsync<JobStatusState>(JobStatusEntity.IdFor(id), cancellationToken) is { } entity)
        {
            outcome = JobViews.Outcomes(await ReadStepsAsync(entity.State, cancellationToken)).FirstOrDefault(o => o.AssetId == assetId && o.Status == AssetStatus.Succeeded);
        }

        if (outcome?.Blob is not { } blob)
        {
            var known = record.Manifest.FirstOrDefault(o => o.AssetId == assetId);
            return known is null
                ? Problems.NotFound($"Job '{id}' has no asset '{assetId}'.")
                : Problems.Conflict($"Asset '{assetId}' of job '{id}' has no content: it is {known.Status}{(known.Error is null ? string.Empty : $" ({Problems.Cut(known.Error.Message, 200)})")}.");
        }

        try
        {
            var stream = await blobs.GetAsync(blob.Key, cancellationToken);
            return ApiResult.File(new ApiContent
            {
                Stream = stream,
                ContentType = blob.ContentType,
                Length = blob.Length,
                Sha256 = blob.Sha256,
                FileName = blob.Key[(blob.Key.LastIndexOf('/') + 1)..],
            });
        }
        catch (BlobNotFoundException)
        {
            return Problems.NotFound($"The bytes of asset '{assetId}' of job '{id}' are gone.");
        }
    }

    /// <summary>
    /// <c>DELETE /api/jobs/{id}</c>: purges the orchestration history (sub-orchestrations included), the status entity,
    /// every asset and payload blob of the job and, last, its record — so a purge that stops half-way can be repeated.
    /// </summary>
    public async Task<ApiResult> PurgeAsync(string id, CancellationToken cancellationToken)
    {
        if (InvalidId(id) is { } invalid)
        {
            return invalid;
        }

        var record = await jobs.GetAsync(id, cancellationToken);
        var instances = new List<OrchestrationMetadata>();
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = id }).WithCancellation(cancellationToken))
        {
            if (instance.InstanceId == id || instance.InstanceId.StartsWith(id + ":", StringComparison.Ordinal))
            {
                instances.Add(instance);
            }
        }

        var entityId = JobStatusEntity.IdFor(id);
        var entity = await client.Entities.GetEntityAsync<JobStatusState>(entityId, cancellationToken);
        if (record is null && instances.Count == 0 && entity is null)
        {
            return NoSuchJob(id);
        }

        if (instances.Find(i => i.IsRunning) is { } running)
        {
            return Problems.Conflict($"Job '{id}' is running ({running.InstanceId}); cancel it before purging.");
        }

        await client.PurgeInstanceAsync(id, new PurgeInstanceOptions(Recursive: true), cancellationToken);
        foreach (var orphan in instances.Where(i => i.InstanceId != id))
        {
            await client.PurgeInstanceAsync(orphan.InstanceId, new PurgeInstanceOptions(Recursive: true), cancellationToken);
        }

        await client.Entities.SignalEntityAsync(entityId, nameof(JobStatusEntity.Delete), cancellation: cancellationToken);
        var removed = await janitor.PurgeJobAsync(id, cancellationToken);
        await jobs.DeleteAsync(id, cancellationToken);
        ApiLog.Purged(logger, id, removed.AssetsDeleted, removed.PayloadsDeleted);
        return ApiResult.NoContent();
    }

    /// <summary>
    /// Starts a job type whose request the workflow stores itself (podcast episodes, diarization): validate, create the
    /// record, schedule the type's workflow (<see cref="JobWorkflows"/>); the same idempotency and conflict rules as a
    /// lecture. Retrying failed assets is a lecture feature.
    /// </summary>
    private async Task<ApiResult> StartOtherAsync<TRequest>(
        string type,
        byte[] bytes,
        string baseUrl,
        Func<TRequest, FieldErrors> validate,
        Func<TRequest, string?> jobIdOf,
        Func<TRequest, string, TRequest> withJobId,
        Func<string, TRequest, object> workflowInput,
        Func<TRequest, string?> title,
        CancellationToken cancellationToken)
        where TRequest : class
    {
        var (parsed, problem) = JsonBody.Parse<TRequest>(bytes, Limits.MaxJsonDepth);
        if (problem is not null)
        {
            return problem;
        }

        var errors = validate(parsed!);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var jobId = jobIdOf(parsed!) ?? NewJobId();
        var request = withJobId(parsed!, jobId);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, JsonPayloadConverter.Options)));
        var now = time.GetUtcNow();
        var record = new JobRecord
        {
            Id = jobId,
            Type = type,
            Request = new JobRequestSummary { Title = title(request), Sha256 = sha256 },
            Status = JobStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
        JobWorkflows.TryGet(type, out var workflow);
        return await StartJobAsync(
            new StartPlan(
                record,
                _ => Task.CompletedTask,
                _ => Task.CompletedTask,
                async token =>
                {
                    using (PayloadScope.ForJob(jobId, workflow))
                    {
                        await client.ScheduleNewOrchestrationInstanceAsync(workflow, workflowInput(jobId, request), new StartOrchestrationOptions(jobId), token);
                    }
                }),
            baseUrl,
            cancellationToken);
    }

    /// <summary>
    /// Starts a job whose request is valid; the order of writes and what each crash point leaves are in
    /// docs/job-records.md ("Starting a job"). The record is the claim on the id: the start that creates it stores the
    /// inputs and schedules; an identical start that finds it answers with the job, and finishes a start that has not
    /// scheduled yet; a different body is refused. A start that fails undoes only what is still its own.
    /// </summary>
    private async Task<ApiResult> StartJobAsync(StartPlan plan, string baseUrl, CancellationToken cancellationToken)
    {
        var jobId = plan.Record.Id;
        for (var attempt = 1; attempt <= MaxStartAttempts; attempt++)
        {
            JobRecord created;
            try
            {
                created = await jobs.CreateAsync(plan.Record, cancellationToken);
            }
            catch (JobAlreadyExistsException)
            {
                if (await JoinAsync(plan, baseUrl, cancellationToken) is { } joined)
                {
                    return joined;
                }

                // The record changed or went away while it was looked at (a failed start undid it): start afresh.
                continue;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whether the store wrote the record is unknown; if it did, the next identical start finishes the job.
                ApiLog.StartFailed(logger, jobId, e);
                return Problems.Unavailable($"Job '{jobId}' could not be started: the job store did not answer. Send the same request again.");
            }

            return await RunCreatedAsync(plan, created.ETag!, baseUrl, cancellationToken);
        }

        ApiLog.StartContended(logger, jobId, MaxStartAttempts);
        return Problems.Unavailable($"Job '{jobId}' is being started and undone by other requests at this moment; send the request again.");
    }

    /// <summary>This start created the record: store the inputs and schedule; on any failure undo what is still its own.</summary>
    private async Task<ApiResult> RunCreatedAsync(StartPlan plan, string etag, string baseUrl, CancellationToken cancellationToken)
    {
        var jobId = plan.Record.Id;
        try
        {
            await plan.StoreInputs(cancellationToken);
            await plan.Schedule(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || cancellationToken.IsCancellationRequested)
        {
            ApiLog.StartFailed(logger, jobId, e);
            var outcome = await UndoAsync(plan, etag, baseUrl);
            if (e is OperationCanceledException)
            {
                throw;
            }

            return outcome;
        }

        ApiLog.Started(logger, jobId, plan.Record.Type);
        return Accepted(jobId, baseUrl);
    }

    /// <summary>
    /// Undoes a start that created the record and then failed. An instance that exists after all means the job was
    /// scheduled (the call failed after reaching the engine, or an identical start scheduled it): 202. Otherwise, while
    /// the record is still the version this start wrote, nobody else uses its inputs: they go, then the record (only
    /// at that version). A record changed in between belongs to an identical start that took the job over; it is left
    /// alone, and the inputs are put back in case that start stored them before they were removed here.
    /// </summary>
    private async Task<ApiResult> UndoAsync(StartPlan plan, string etag, string baseUrl)
    {
        var jobId = plan.Record.Id;
        try
        {
            if (await InstanceExistsAsync(jobId, CancellationToken.None))
            {
                return Accepted(jobId, baseUrl);
            }

            var current = await jobs.GetAsync(jobId, CancellationToken.None);
            if (current is not null && string.Equals(current.ETag, etag, StringComparison.Ordinal))
            {
                await plan.RemoveInputs(CancellationToken.None);
                if (await jobs.DeleteIfMatchAsync(jobId, etag, CancellationToken.None))
                {
                    ApiLog.StartUndone(logger, jobId);
                    return Problems.Unavailable($"Job '{jobId}' could not be started; nothing was kept. Send the request again.");
                }

                await plan.StoreInputs(CancellationToken.None);
            }

            if (await InstanceExistsAsync(jobId, CancellationToken.None))
            {
                return Accepted(jobId, baseUrl);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ApiLog.UndoFailed(logger, jobId, e);
        }

        ApiLog.StartLeftPending(logger, jobId);
        return Problems.Unavailable($"Job '{jobId}' could not be started yet; send the same request again to finish starting it.");
    }

    /// <summary>
    /// The record exists. Another body, or another type, is a conflict; the same request is the job (202). A record still
    /// waiting for its schedule — its start is on its way, or stopped before scheduling — is claimed (the change of
    /// version tells its creator not to undo it) and finished here. Null: the record changed or went away while looked
    /// at; the caller starts afresh.
    /// </summary>
    private async Task<ApiResult?> JoinAsync(StartPlan plan, string baseUrl, CancellationToken cancellationToken)
    {
        var jobId = plan.Record.Id;
        var existing = await jobs.GetAsync(jobId, cancellationToken);
        if (existing is null)
        {
            return null;
        }

        if (!SameRequest(existing, plan.Record))
        {
            return Problems.Conflict($"Job '{jobId}' already exists with a different request; choose another jobId or send the same body.");
        }

        if (!AwaitsSchedule(existing) || await InstanceExistsAsync(jobId, cancellationToken))
        {
            return Accepted(jobId, baseUrl);
        }

        var claimed = false;
        try
        {
            await jobs.UpdateAsync(
                jobId,
                current =>
                {
                    claimed = SameRequest(current, plan.Record) && AwaitsSchedule(current);
                    return claimed ? current with { } : current;
                },
                cancellationToken);
        }
        catch (Exception e) when (e is JobNotFoundException or JobUpdateConflictException)
        {
            return null;
        }

        if (!claimed)
        {
            return null;
        }

        try
        {
            await plan.StoreInputs(cancellationToken);
            await plan.Schedule(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ApiLog.StartFailed(logger, jobId, e);
            if (await InstanceExistsAsync(jobId, CancellationToken.None))
            {
                return Accepted(jobId, baseUrl);
            }

            ApiLog.StartLeftPending(logger, jobId);
            return Problems.Unavailable($"Job '{jobId}' could not be started yet; send the same request again to finish starting it.");
        }

        ApiLog.Started(logger, jobId, plan.Record.Type);
        return Accepted(jobId, baseUrl);
    }

    private async Task<bool> InstanceExistsAsync(string jobId, CancellationToken cancellationToken)
        => await client.GetInstanceAsync(jobId, cancellation: cancellationToken) is not null;

    private static bool SameRequest(JobRecord existing, JobRecord wanted)
        => existing.Type == wanted.Type && string.Equals(existing.Request.Sha256, wanted.Request.Sha256, StringComparison.Ordinal);

    /// <summary>A record whose job never ran: Pending, no outcomes, never finished (a retried job keeps its outcomes).</summary>
    private static bool AwaitsSchedule(JobRecord record)
        => record.Status == JobStatus.Pending && record.Manifest.Count == 0 && record.CompletedAt is null;

    private async Task PutRequestAsync(string jobId, byte[] requestJson, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(requestJson, writable: false);
        await blobs.PutAsync(RequestKey(jobId), content, "application/json", cancellationToken);
    }

    /// <summary>Schedules a lecture whose request is stored (<see cref="RequestKey"/>), reusing <paramref name="reuse"/>.</summary>
    private async Task ScheduleAsync(LectureMediaRequest request, IReadOnlyList<AssetOutcome> reuse, CancellationToken cancellationToken)
    {
        var jobId = request.JobId!;
        var input = new LectureMediaJob { JobId = jobId, Request = request, Reuse = reuse, RequestStored = true };
        using (PayloadScope.ForJob(jobId, nameof(LectureMediaWorkflow)))
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(LectureMediaWorkflow), input, new StartOrchestrationOptions(jobId), cancellationToken);
        }
    }

    private async Task<IReadOnlyList<StepRecord>> ReadStepsAsync(JobStatusState state, CancellationToken cancellationToken)
    {
        var steps = new List<StepRecord>();
        await foreach (var step in new StepLogReader(blobs).ReadAsync(state, cancellationToken))
        {
            steps.Add(step);
        }

        return steps;
    }

    private static ApiResult? RetryRefusal(JobRecord record) => record.Status switch
    {
        _ when record.Type != JobType.LectureMedia => Problems.Conflict($"Job '{record.Id}' is a {record.Type} job; retrying failed assets applies to {JobType.LectureMedia} jobs. Start a new job instead."),
        JobStatus.Pending or JobStatus.Running => Problems.Conflict($"Job '{record.Id}' is {record.Status}; only a finished job with failed assets can be retried."),
        JobStatus.Completed => Problems.Conflict($"Job '{record.Id}' completed without errors; there is nothing to retry."),
        _ => null,
    };

    private static ApiResult Accepted(string id, string baseUrl)
    {
        var self = $"{baseUrl}/api/jobs/{id}";
        return ApiResult.Accepted(
            new JobAccepted
            {
                Id = id,
                StatusQueryGetUri = self,
                PurgeHistoryDeleteUri = self,
                CancelPostUri = $"{self}/cancel",
                RetryPostUri = $"{self}/retry",
            },
            self);
    }

    private static ApiResult? InvalidId(string? id)
        => JobId.IsValid(id) ? null : Problems.Field("id", $"must match {JobId.Pattern} (lower-case letters, digits and '-', 3 to {JobId.MaxLength} characters).");

    private static ApiResult NoSuchJob(string id) => Problems.NotFound($"There is no job '{id}'.");

    private static bool IsFinished(JobStatus status) => Array.IndexOf(Finished, status) >= 0;

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsAssetId(string? assetId)
        => !string.IsNullOrEmpty(assetId) && assetId.Length <= BlobKey.MaxSegmentLength && assetId is not "." and not ".."
           && assetId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static string NewJobId() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// One start: the record it creates, how it stores and removes the job's inputs (a lecture's request blob; nothing
    /// for the types whose workflow stores its request) and how it schedules the workflow.
    /// </summary>
    private sealed record StartPlan(
        JobRecord Record,
        Func<CancellationToken, Task> StoreInputs,
        Func<CancellationToken, Task> RemoveInputs,
        Func<CancellationToken, Task> Schedule);

    private static string Query(params (string Name, string? Value)[] parts)
        => string.Join('&', parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
}
