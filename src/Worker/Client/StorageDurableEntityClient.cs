using System.Diagnostics;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Entities;
using DurableTask.Core.Tracing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;
using Microsoft.DurableTask.Entities;
using SdkDataConverter = Microsoft.DurableTask.DataConverter;

namespace Pipeline.Worker.Client;

/// <summary>
/// The SDK's <see cref="DurableEntityClient"/> over DurableTask.AzureStorage: signals go to the entity's control queue
/// as DurableTask.Core entity messages; reads and queries go through the backend's <see cref="EntityBackendQueries"/>.
/// </summary>
public sealed class StorageDurableEntityClient : DurableEntityClient
{
    private readonly AzureStorageOrchestrationService service;
    private readonly SdkDataConverter converter;
    private readonly EntityBackendQueries queries;
    private readonly TimeSpan maximumSignalDelay;

    public StorageDurableEntityClient(string name, AzureStorageOrchestrationService service, SdkDataConverter converter)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(converter);
        this.service = service;
        this.converter = converter;
        var entityService = (IEntityOrchestrationService)service;
        queries = entityService.EntityBackendQueries
            ?? throw new NotSupportedException("The Azure Storage orchestration service offers no entity queries.");
        maximumSignalDelay = entityService.EntityBackendProperties?.MaximumSignalDelayTime ?? TimeSpan.MaxValue;
    }

    /// <summary>Sends one operation to the entity, now or at <see cref="SignalEntityOptions.SignalTime"/>.</summary>
    public override async Task SignalEntityAsync(
        EntityInstanceId id,
        string operationName,
        object? input = null,
        SignalEntityOptions? options = null,
        CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id.Name, nameof(id));
        ArgumentNullException.ThrowIfNull(id.Key, nameof(id));
        ArgumentException.ThrowIfNullOrEmpty(operationName);
        cancellation.ThrowIfCancellationRequested();

        var scheduled = options?.SignalTime is { } at
            ? EntityMessageEvent.GetCappedScheduledTime(DateTime.UtcNow, maximumSignalDelay, at.UtcDateTime)
            : null;
        var signal = ClientEntityHelpers.EmitOperationSignal(
            new OrchestrationInstance { InstanceId = id.ToString() },
            Guid.NewGuid(),
            operationName,
            converter.Serialize(input),
            scheduled,
            Activity.Current is { Id: not null } activity ? new DistributedTraceContext(activity.Id, activity.TraceStateString) : null,
            DateTimeOffset.UtcNow,
            createTrace: false);
        await service.SendTaskOrchestrationMessageAsync(signal.AsTaskMessage());
    }

    public override async Task<EntityMetadata?> GetEntityAsync(
        EntityInstanceId id, bool includeState = true, CancellationToken cancellation = default)
        => await queries.GetEntityAsync(ToCore(id), includeState, includeStateless: false, cancellation) is { } metadata
            ? ToMetadata(metadata)
            : null;

    public override async Task<EntityMetadata<T>?> GetEntityAsync<T>(
        EntityInstanceId id, bool includeState = true, CancellationToken cancellation = default)
        => await queries.GetEntityAsync(ToCore(id), includeState, includeStateless: false, cancellation) is { } metadata
            ? ToMetadata<T>(metadata)
            : null;

    /// <summary>
    /// Entities whose id starts with <see cref="EntityQuery.InstanceIdStartsWith"/> (an entity name prefix, or a full
    /// name then '@' and a key prefix), page by page.
    /// </summary>
    public override AsyncPageable<EntityMetadata> GetAllEntitiesAsync(EntityQuery? filter = null)
        => Query(filter, ToMetadata);

    public override AsyncPageable<EntityMetadata<T>> GetAllEntitiesAsync<T>(EntityQuery? filter = null)
        => Query(filter, ToMetadata<T>);

    /// <summary>
    /// Removes entities without state and releases locks held by orchestrations that are gone. With
    /// <paramref name="continueUntilComplete"/> it goes on until the backend reports no continuation, summing the counts.
    /// </summary>
    public override async Task<CleanEntityStorageResult> CleanEntityStorageAsync(
        CleanEntityStorageRequest? request = null, bool continueUntilComplete = true, CancellationToken cancellation = default)
    {
        var r = request ?? CleanEntityStorageRequest.Default;
        var removed = 0;
        var released = 0;
        var continuation = r.ContinuationToken;
        do
        {
            var result = await queries.CleanEntityStorageAsync(
                new EntityBackendQueries.CleanEntityStorageRequest
                {
                    RemoveEmptyEntities = r.RemoveEmptyEntities,
                    ReleaseOrphanedLocks = r.ReleaseOrphanedLocks,
                    ContinuationToken = continuation,
                },
                cancellation);
            removed += result.EmptyEntitiesRemoved;
            released += result.OrphanedLocksReleased;
            continuation = result.ContinuationToken;
        }
        while (continueUntilComplete && !string.IsNullOrEmpty(continuation));

        return new CleanEntityStorageResult
        {
            EmptyEntitiesRemoved = removed,
            OrphanedLocksReleased = released,
            ContinuationToken = string.IsNullOrEmpty(continuation) ? null : continuation,
        };
    }

    private AsyncPageable<TMetadata> Query<TMetadata>(EntityQuery? filter, Func<EntityBackendQueries.EntityMetadata, TMetadata> select)
        where TMetadata : notnull
        => Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var result = await queries.QueryEntitiesAsync(
                new EntityBackendQueries.EntityQuery
                {
                    InstanceIdStartsWith = filter?.InstanceIdStartsWith,
                    LastModifiedFrom = filter?.LastModifiedFrom?.UtcDateTime,
                    LastModifiedTo = filter?.LastModifiedTo?.UtcDateTime,
                    IncludeState = filter?.IncludeState ?? true,
                    IncludeTransient = filter?.IncludeTransient ?? false,
                    PageSize = pageSize ?? filter?.PageSize,
                    ContinuationToken = continuation ?? filter?.ContinuationToken,
                },
                cancellation);
            return new Page<TMetadata>(
                [.. result.Results.Select(select)],
                string.IsNullOrEmpty(result.ContinuationToken) ? null : result.ContinuationToken);
        });

    private static EntityId ToCore(EntityInstanceId id) => new(id.Name, id.Key);

    private static EntityInstanceId ToSdk(EntityId id) => new(id.Name, id.Key);

    private EntityMetadata ToMetadata(EntityBackendQueries.EntityMetadata metadata)
        => new(ToSdk(metadata.EntityId), metadata.SerializedState is { } state ? new SerializedData(state, converter) : null)
        {
            LastModifiedTime = metadata.LastModifiedTime,
            BacklogQueueSize = metadata.BacklogQueueSize,
            LockedBy = metadata.LockedBy,
        };

    private EntityMetadata<T> ToMetadata<T>(EntityBackendQueries.EntityMetadata metadata)
        => new(ToSdk(metadata.EntityId), converter.Deserialize<T>(metadata.SerializedState))
        {
            LastModifiedTime = metadata.LastModifiedTime,
            BacklogQueueSize = metadata.BacklogQueueSize,
            LockedBy = metadata.LockedBy,
        };
}
