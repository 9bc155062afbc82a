using System.Diagnostics;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Tracing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Core = DurableTask.Core;
using CoreExceptions = DurableTask.Core.Exceptions;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;
using OrchestrationQuery = Microsoft.DurableTask.Client.OrchestrationQuery;
using SdkDataConverter = Microsoft.DurableTask.DataConverter;
using SdkPurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace Pipeline.Worker.Client;

/// <summary>
/// The SDK's <see cref="DurableTaskClient"/> straight over DurableTask.AzureStorage, for hosts that run
/// DurableTask.Core's <c>TaskHubWorker</c> themselves (no gRPC sidecar). Payloads go through the SDK
/// <see cref="SdkDataConverter"/> the workers use, so <see cref="OrchestrationMetadata.ReadOutputAs{T}"/> reads what
/// an SDK orchestrator returned. The client does not own the service: disposing it leaves the service alone.
/// </summary>
public sealed class StorageDurableTaskClient : DurableTaskClient
{
    private static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPollDelay = TimeSpan.FromMilliseconds(500);

    private readonly AzureStorageOrchestrationService service;
    private readonly SdkDataConverter converter;
    private readonly ILogger logger;
    private readonly Lazy<StorageDurableEntityClient> entities;
    private bool disposed;

    public StorageDurableTaskClient(
        string name,
        AzureStorageOrchestrationService service,
        SdkDataConverter converter,
        ILoggerFactory? loggerFactory = null)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(converter);
        this.service = service;
        this.converter = converter;
        logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<StorageDurableTaskClient>();
        entities = new Lazy<StorageDurableEntityClient>(() => new StorageDurableEntityClient(name, service, converter));
    }

    /// <summary>Entity signals and queries on the same task hub.</summary>
    public override StorageDurableEntityClient Entities
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return entities.Value;
        }
    }

    /// <summary>
    /// Starts an orchestration. Without <see cref="StartOrchestrationOptions.DedupeStatuses"/> an instance id held by a
    /// Pending, Running or Suspended instance is refused with <see cref="OrchestrationInstanceExistsException"/> (a
    /// finished one is replaced). With dedupe statuses, an existing instance in one of them is refused the same way, and
    /// an active instance in a status not listed is terminated, awaited and replaced, as the SDK's reuse policy asks.
    /// </summary>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName.Name, nameof(orchestratorName));
        cancellation.ThrowIfCancellationRequested();

        var instanceId = string.IsNullOrEmpty(options?.InstanceId) ? Guid.NewGuid().ToString("N") : options.InstanceId;
        var refused = RefusedStatuses(options);
        await MakeRoomAsync(instanceId, refused, cancellation);

        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        var started = new ExecutionStartedEvent(-1, converter.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = options?.Version?.Version ?? string.Empty,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = options?.Tags is { Count: > 0 } tags ? tags.ToDictionary(tag => tag.Key, tag => tag.Value, StringComparer.Ordinal) : null,
            ParentTraceContext = Activity.Current is { Id: not null } activity ? new DistributedTraceContext(activity.Id, activity.TraceStateString) : null,
        };

        cancellation.ThrowIfCancellationRequested();
        try
        {
            await service.CreateTaskOrchestrationAsync(
                new TaskMessage { OrchestrationInstance = instance, Event = started },
                [.. refused.Select(status => status.ToCore())]);
        }
        catch (CoreExceptions.OrchestrationAlreadyExistsException exception)
        {
            // A concurrent start won the race between the check above and the create (the backend throws only when
            // its settings say ThrowExceptionOnInvalidDedupeStatus; otherwise it drops the second create silently).
            var existing = await GetInstancesAsync(instanceId, getInputsAndOutputs: false, cancellation);
            throw new OrchestrationInstanceExistsException(instanceId, existing?.RuntimeStatus ?? OrchestrationRuntimeStatus.Running, exception);
        }

        return instanceId;
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        var states = await service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: getInputsAndOutputs);
        return states is { Count: > 0 } && states[0] is { } state ? ToMetadata(state, getInputsAndOutputs) : null;
    }

    /// <summary>
    /// Orchestration instances matching the query, page by page with the backend's continuation tokens. Entities,
    /// which the backend keeps as instances too, are left out.
    /// </summary>
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        ThrowIfDisposed();
        var fetchInputs = filter?.FetchInputsAndOutputs ?? false;
        return Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var query = new CoreQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(status => status.ToCore()).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                TaskHubNames = filter?.TaskHubNames?.ToList(),
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = fetchInputs,
                ExcludeEntities = true,
            };
            var result = await service.GetOrchestrationWithQueryAsync(query, cancellation);
            var page = result.OrchestrationState
                .Where(state => !IsEntityId(state.OrchestrationInstance.InstanceId))
                .Select(state => ToMetadata(state, fetchInputs))
                .ToList();
            return new Page<OrchestrationMetadata>(page, string.IsNullOrEmpty(result.ContinuationToken) ? null : result.ContinuationToken);
        });
    }

    /// <summary>Returns once the instance has left Pending (Suspended counts as started).</summary>
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
        => PollAsync(instanceId, getInputsAndOutputs, static status => status != OrchestrationRuntimeStatus.Pending, cancellation);

    /// <summary>Returns once the instance is Completed, Failed or Terminated.</summary>
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
        => PollAsync(instanceId, getInputsAndOutputs, static status => CoreConversions.TerminalStatuses.Contains(status), cancellation);

    public override Task RaiseEventAsync(
        string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        return SendAsync(instanceId, new EventRaisedEvent(-1, converter.Serialize(eventPayload)) { Name = eventName }, cancellation);
    }

    /// <summary>
    /// Terminates the instance with <see cref="TerminateInstanceOptions.Output"/> as its output. With
    /// <see cref="TerminateInstanceOptions.Recursive"/>, every sub-orchestration still in flight (found in the
    /// history, depth-first) is terminated too.
    /// </summary>
    public override async Task TerminateInstanceAsync(
        string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        var reason = converter.Serialize(options?.Output);
        await service.ForceTerminateTaskOrchestrationAsync(instanceId, reason);
        if (options?.Recursive == true)
        {
            await TerminateChildrenAsync(instanceId, reason, cancellation);
        }
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
        => SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
        => SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    /// <summary>
    /// Purges a finished instance (and with <see cref="PurgeInstanceOptions.Recursive"/> every finished
    /// sub-orchestration, depth-first, children before their parent). An instance that is not Completed, Failed or
    /// Terminated is left alone and not counted. Returns the number of instances purged.
    /// </summary>
    public override async Task<SdkPurgeResult> PurgeInstanceAsync(
        string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var count = await PurgeTreeAsync(instanceId, options?.Recursive == true, cancellation);
        return new SdkPurgeResult(count);
    }

    /// <summary>
    /// Purges the finished instances created in the filter's range. Statuses other than Completed, Failed and
    /// Terminated in the filter are ignored (a running instance is never purged); no statuses means those three.
    /// </summary>
    public override async Task<SdkPurgeResult> PurgeAllInstancesAsync(
        PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = (filter.Statuses ?? CoreConversions.TerminalStatuses)
            .Where(CoreConversions.TerminalStatuses.Contains)
            .Distinct()
            .ToList();
        if (statuses.Count == 0)
        {
            return new SdkPurgeResult(0);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (filter.Timeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        if (options?.Recursive != true)
        {
            timeout.Token.ThrowIfCancellationRequested();
            var result = await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(
                new PurgeInstanceFilter((filter.CreatedFrom ?? DateTimeOffset.MinValue).UtcDateTime, filter.CreatedTo?.UtcDateTime, statuses.Select(status => status.ToCore()))
                {
                    Timeout = filter.Timeout,
                });
            return new SdkPurgeResult(result.DeletedInstanceCount);
        }

        // Collect first, purge after: deleting rows while paging through them would move the continuation tokens.
        var query = new OrchestrationQuery(filter.CreatedFrom, filter.CreatedTo, statuses);
        var instanceIds = new List<string>();
        await foreach (var instance in GetAllInstancesAsync(query).WithCancellation(timeout.Token))
        {
            instanceIds.Add(instance.InstanceId);
        }

        var count = 0;
        foreach (var instanceId in instanceIds)
        {
            // A child that matched the filter as well is gone once its parent was purged; it then counts 0.
            count += await PurgeTreeAsync(instanceId, recursive: true, timeout.Token);
        }

        return new SdkPurgeResult(count);
    }

    /// <summary>Starts a finished instance again with its original name and input (under a new id if asked).</summary>
    public override async Task<string> RestartAsync(
        string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default)
    {
        var existing = await GetInstancesAsync(instanceId, getInputsAndOutputs: true, cancellation)
            ?? throw new ArgumentException($"No orchestration instance with id '{instanceId}' exists.", nameof(instanceId));
        if (!restartWithNewInstanceId && !existing.IsCompleted)
        {
            throw new OrchestrationInstanceExistsException(instanceId, existing.RuntimeStatus);
        }

        var newInstanceId = restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId;
        var instance = new OrchestrationInstance { InstanceId = newInstanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        await service.CreateTaskOrchestrationAsync(
            new TaskMessage
            {
                OrchestrationInstance = instance,
                Event = new ExecutionStartedEvent(-1, existing.SerializedInput) { Name = existing.Name, OrchestrationInstance = instance },
            },
            [.. CoreConversions.ActiveStatuses.Select(status => status.ToCore())]);
        return newInstanceId;
    }

    /// <summary>Marks the client disposed; the orchestration service stays with its owner.</summary>
    public override ValueTask DisposeAsync()
    {
        disposed = true;
        return ValueTask.CompletedTask;
    }

    private static List<OrchestrationRuntimeStatus> RefusedStatuses(StartOrchestrationOptions? options)
    {
        if (options?.DedupeStatuses is not { Count: > 0 } requested)
        {
            return [.. CoreConversions.ActiveStatuses];
        }

        return requested
            .Select(name => Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var status)
                ? status
                : throw new ArgumentException($"'{name}' is not an orchestration runtime status.", nameof(options)))
            .Distinct()
            .ToList();
    }

    /// <summary>Refuses an instance in a refused status; terminates (and awaits) an active one the request may replace.</summary>
    private async Task MakeRoomAsync(string instanceId, List<OrchestrationRuntimeStatus> refused, CancellationToken cancellation)
    {
        var existing = await GetInstancesAsync(instanceId, getInputsAndOutputs: false, cancellation);
        if (existing is null)
        {
            return;
        }

        if (refused.Contains(existing.RuntimeStatus))
        {
            ClientLog.StartRefused(logger, instanceId, existing.RuntimeStatus.ToString());
            throw new OrchestrationInstanceExistsException(instanceId, existing.RuntimeStatus);
        }

        if (CoreConversions.ActiveStatuses.Contains(existing.RuntimeStatus))
        {
            ClientLog.ReplacingActiveInstance(logger, instanceId, existing.RuntimeStatus.ToString());
            await TerminateInstanceAsync(
                instanceId,
                new TerminateInstanceOptions($"Replaced by a new instance with the same id: {existing.RuntimeStatus} is not among the start request's dedupe statuses."),
                cancellation);
            await WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, cancellation);
        }
    }

    private async Task<OrchestrationMetadata> PollAsync(
        string instanceId, bool getInputsAndOutputs, Func<OrchestrationRuntimeStatus, bool> done, CancellationToken cancellation)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var delay = FirstPollDelay;
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation)
                ?? throw new InvalidOperationException($"No orchestration instance with id '{instanceId}' exists.");
            if (done(metadata.RuntimeStatus))
            {
                return metadata;
            }

            await Task.Delay(delay, cancellation);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestPollDelay.Ticks));
        }
    }

    private async Task TerminateChildrenAsync(string instanceId, string? reason, CancellationToken cancellation)
    {
        foreach (var child in await SubOrchestrationHistory.GetChildInstanceIdsAsync(service, instanceId, cancellation))
        {
            var state = await GetInstancesAsync(child, getInputsAndOutputs: false, cancellation);
            if (state is null || state.IsCompleted)
            {
                continue;
            }

            ClientLog.TerminatingChild(logger, instanceId, child);
            await service.ForceTerminateTaskOrchestrationAsync(child, reason);
            await TerminateChildrenAsync(child, reason, cancellation);
        }
    }

    private async Task<int> PurgeTreeAsync(string instanceId, bool recursive, CancellationToken cancellation)
    {
        var state = await GetInstancesAsync(instanceId, getInputsAndOutputs: false, cancellation);
        if (state is null)
        {
            return 0;
        }

        // Entities live as instances that stay Running; purging one is always allowed, as upstream does.
        if (!state.IsCompleted && !IsEntityId(instanceId))
        {
            ClientLog.PurgeSkipped(logger, instanceId, state.RuntimeStatus.ToString());
            return 0;
        }

        var count = 0;
        if (recursive)
        {
            foreach (var child in await SubOrchestrationHistory.GetChildInstanceIdsAsync(service, instanceId, cancellation))
            {
                count += await PurgeTreeAsync(child, recursive: true, cancellation);
            }
        }

        cancellation.ThrowIfCancellationRequested();
        var result = await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(instanceId);
        count += result.DeletedInstanceCount;
        ClientLog.Purged(logger, instanceId, count);
        return count;
    }

    private Task SendAsync(string instanceId, HistoryEvent historyEvent, CancellationToken cancellation)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return service.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = historyEvent,
        });
    }

    private OrchestrationMetadata ToMetadata(Core.OrchestrationState state, bool includesPayloads)
        => new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = converter,
            RuntimeStatus = state.OrchestrationStatus.ToSdk(),
            CreatedAt = AsUtc(state.CreatedTime),
            LastUpdatedAt = AsUtc(state.LastUpdatedTime),
            SerializedInput = includesPayloads ? state.Input : null,
            SerializedOutput = includesPayloads ? state.Output : null,
            SerializedCustomStatus = includesPayloads ? state.Status : null,
            FailureDetails = state.FailureDetails.ToSdk() ?? FailureFromOutput(state),
            Tags = state.Tags is { Count: > 0 } tags ? new Dictionary<string, string>(tags, StringComparer.Ordinal) : new Dictionary<string, string>(),
        };

    /// <summary>
    /// The Azure Storage backend keeps no failure details on a failed instance's state; its output is the failure as
    /// "{error type}: {message}".
    /// </summary>
    private static TaskFailureDetails? FailureFromOutput(Core.OrchestrationState state)
    {
        if (state.OrchestrationStatus != Core.OrchestrationStatus.Failed || string.IsNullOrEmpty(state.Output))
        {
            return null;
        }

        var output = state.Output;
        var separator = output.IndexOf(": ", StringComparison.Ordinal);
        return separator > 0 && !output[..separator].Contains(' ', StringComparison.Ordinal)
            ? new TaskFailureDetails(output[..separator], output[(separator + 2)..], null, null, null)
            : new TaskFailureDetails("(unknown)", output, null, null, null);
    }

    private static DateTimeOffset AsUtc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static bool IsEntityId(string instanceId) => instanceId.StartsWith('@');

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);
}
