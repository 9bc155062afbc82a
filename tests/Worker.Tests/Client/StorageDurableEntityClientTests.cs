using DurableTask.Core.Entities;
using Microsoft.DurableTask.Client.Entities;
using Microsoft.DurableTask.Entities;
using Pipeline.Worker.Client;
using EntityQuery = Microsoft.DurableTask.Client.Entities.EntityQuery;

namespace Pipeline.Worker.Tests.Client;

public sealed class StorageDurableEntityClientTests(ClientHubFixture hub) : IClassFixture<ClientHubFixture>, IDisposable
{
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(90));

    private StorageDurableEntityClient Entities => hub.Client.Entities;

    private CancellationToken Token => timeout.Token;

    public void Dispose() => timeout.Dispose();

    [Fact]
    public async Task SignalEntityAsync_ThenGetEntity_ReturnsNewState()
    {
        var id = new EntityInstanceId(ClientHubFixture.CounterName, $"k-{Guid.NewGuid():N}");

        await Entities.SignalEntityAsync(id, nameof(CounterEntity.Add), 5, cancellation: Token);
        await Entities.SignalEntityAsync(id, nameof(CounterEntity.Add), 7, cancellation: Token);

        var typed = await Eventually.ReadAsync(token => Entities.GetEntityAsync<int>(id, cancellation: token), entity => entity?.State == 12);
        var untyped = await Entities.GetEntityAsync(id, cancellation: Token);
        Assert.Equal(id, typed!.Id);
        Assert.Equal(12, untyped!.State.ReadAs<int>());
        Assert.False((await Entities.GetEntityAsync(id, includeState: false, Token))!.IncludesState);
    }

    [Fact]
    public async Task SignalEntityAsync_SignalTime_DeliveredAroundThen()
    {
        var id = new EntityInstanceId(ClientHubFixture.CounterName, $"later-{Guid.NewGuid():N}");
        var at = DateTimeOffset.UtcNow.AddSeconds(2);

        await Entities.SignalEntityAsync(id, nameof(CounterEntity.Add), 1, new SignalEntityOptions { SignalTime = at }, Token);

        Assert.Null(await Entities.GetEntityAsync(id, cancellation: Token));
        var entity = await Eventually.ReadAsync(token => Entities.GetEntityAsync<int>(id, cancellation: token), entity => entity?.State == 1);
        // Queue visibility delays are whole seconds: the backend truncates the delay, so delivery may come up to 1 s early.
        Assert.True(entity!.LastModifiedTime >= at.AddSeconds(-1), $"Delivered {(at - entity.LastModifiedTime).TotalMilliseconds:0} ms before its SignalTime.");
    }

    [Fact]
    public async Task GetEntityAsync_UnknownEntity_ReturnsNull()
        => Assert.Null(await Entities.GetEntityAsync(new EntityInstanceId(ClientHubFixture.CounterName, $"none-{Guid.NewGuid():N}"), cancellation: Token));

    [Fact]
    public async Task GetAllEntitiesAsync_NamePrefix_ReturnsOnlyThatNameAcrossPages()
    {
        var run = Guid.NewGuid().ToString("N");
        var counters = Enumerable.Range(0, 3).Select(i => new EntityInstanceId(ClientHubFixture.CounterName, $"{run}-{i}")).ToList();
        var tally = new EntityInstanceId(ClientHubFixture.TallyName, run);
        foreach (var (id, amount) in counters.Append(tally).Select((id, i) => (id, i + 1)))
        {
            await Entities.SignalEntityAsync(id, nameof(CounterEntity.Add), amount, cancellation: Token);
        }

        foreach (var id in counters.Append(tally))
        {
            await Eventually.ReadAsync(token => Entities.GetEntityAsync(id, cancellation: token), entity => entity is not null);
        }

        var pages = new List<Microsoft.DurableTask.Page<EntityMetadata<int>>>();
        var query = new EntityQuery { InstanceIdStartsWith = $"{ClientHubFixture.CounterName}@{run}", PageSize = 2 };
        await foreach (var page in Entities.GetAllEntitiesAsync<int>(query).AsPages().WithCancellation(Token))
        {
            pages.Add(page);
        }

        var found = pages.SelectMany(page => page.Values).ToList();
        Assert.True(pages.Count >= 2, $"Expected at least 2 pages of at most 2, got {pages.Count}.");
        Assert.Equal(counters, found.Select(entity => entity.Id).OrderBy(id => id.Key, StringComparer.Ordinal));
        Assert.Equal([1, 2, 3], found.OrderBy(entity => entity.Id.Key, StringComparer.Ordinal).Select(entity => entity.State));

        var byName = new List<EntityMetadata>();
        await foreach (var entity in Entities.GetAllEntitiesAsync(new EntityQuery { InstanceIdStartsWith = "tal" }).WithCancellation(Token))
        {
            byName.Add(entity);
        }

        var single = Assert.Single(byName);
        Assert.Equal(tally, single.Id);
        Assert.Equal(4, single.State.ReadAs<int>());
    }

    [Fact]
    public async Task CleanEntityStorageAsync_DeletedEntity_RemovesItsStatelessRow()
    {
        var id = new EntityInstanceId(ClientHubFixture.CounterName, $"gone-{Guid.NewGuid():N}");
        await Entities.SignalEntityAsync(id, nameof(CounterEntity.Add), 3, cancellation: Token);
        await Eventually.ReadAsync(token => Entities.GetEntityAsync<int>(id, cancellation: token), entity => entity?.State == 3);
        await Entities.SignalEntityAsync(id, "delete", cancellation: Token);
        await Eventually.ReadAsync(token => Entities.GetEntityAsync(id, cancellation: token), entity => entity is null);

        Assert.NotNull(await StatelessRowAsync(id));

        var result = await Entities.CleanEntityStorageAsync(cancellation: Token);

        Assert.True(result.EmptyEntitiesRemoved >= 1, $"Removed {result.EmptyEntitiesRemoved} empty entities.");
        Assert.Null(result.ContinuationToken);
        Assert.Null(await StatelessRowAsync(id));
    }

    [Fact]
    public async Task GetAllInstancesAsync_WithEntitiesOnTheHub_ListsNoEntity()
    {
        var id = new EntityInstanceId(ClientHubFixture.CounterName, $"hidden-{Guid.NewGuid():N}");
        await Entities.SignalEntityAsync(id, nameof(CounterEntity.Add), 1, cancellation: Token);
        await Eventually.ReadAsync(token => Entities.GetEntityAsync(id, cancellation: token), entity => entity is not null);

        var ids = new List<string>();
        await foreach (var instance in hub.Client.GetAllInstancesAsync().WithCancellation(Token))
        {
            ids.Add(instance.InstanceId);
        }

        Assert.DoesNotContain(ids, instanceId => instanceId.StartsWith('@'));
    }

    /// <summary>The backend's row for the entity even when it holds no state (the SDK client never returns those).</summary>
    private Task<EntityBackendQueries.EntityMetadata?> StatelessRowAsync(EntityInstanceId id)
        => ((IEntityOrchestrationService)hub.Service).EntityBackendQueries!.GetEntityAsync(
            new EntityId(id.Name, id.Key), includeState: false, includeStateless: true, Token);
}
