using Pipeline.Domain.Durable;
using Pipeline.Runtime.Tests.Samples;
using Pipeline.Runtime.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Runtime.Tests;

public sealed class EntityTests
{
    [Fact]
    public async Task SignalEntity_FiftyConcurrentSignals_ProduceTheSerialResult()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());
        var id = new EntityInstanceId(nameof(CounterEntity), "job-1");

        await Task.WhenAll(Enumerable.Range(1, 50).Select(i => Task.Run(() => host.Client.Entities.SignalEntityAsync(id, nameof(CounterEntity.Add), i))));
        await host.Runtime.WaitForIdleAsync();

        var state = (await host.Client.Entities.GetEntityAsync<CounterState>(id))!.State;
        Assert.Equal(Enumerable.Range(1, 50).Sum(), state.Total);
        Assert.Equal(Enumerable.Range(1, 50), state.Values.Order());
    }

    [Fact]
    public async Task SignalEntity_FromOneSender_AppliesInArrivalOrder()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());
        var id = new EntityInstanceId(nameof(CounterEntity), "ordered");

        foreach (var i in Enumerable.Range(1, 20))
        {
            await host.Client.Entities.SignalEntityAsync(id, nameof(CounterEntity.Add), i);
        }

        await host.Runtime.WaitForIdleAsync();

        Assert.Equal(Enumerable.Range(1, 20), (await host.Client.Entities.GetEntityAsync<CounterState>(id))!.State.Values);
    }

    [Fact]
    public async Task FailingOperation_LeavesStateAsBeforeIt_AndLaterOperationsApply()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());
        var id = new EntityInstanceId(nameof(CounterEntity), "failing");

        await host.Client.Entities.SignalEntityAsync(id, nameof(CounterEntity.Add), 1);
        await host.Client.Entities.SignalEntityAsync(id, nameof(CounterEntity.Fail), 100);
        await host.Client.Entities.SignalEntityAsync(id, nameof(CounterEntity.Add), 2);
        await host.Runtime.WaitForIdleAsync();

        Assert.Equal(3, (await host.Client.Entities.GetEntityAsync<CounterState>(id))!.State.Total);
    }

    [Fact]
    public async Task Workflow_SignalsThenCallsEntity_ReadsItsOwnSignals()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());

        var result = await host.RunAsync(nameof(EntityWorkflow), "wf", "entity-wf-1");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(12, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task DeleteOperation_ClearsState()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());
        var id = new EntityInstanceId(nameof(CounterEntity), "deleted");
        await host.Client.Entities.SignalEntityAsync(id, nameof(CounterEntity.Add), 1);
        await host.Client.Entities.SignalEntityAsync(id, "delete");
        await host.Runtime.WaitForIdleAsync();

        Assert.Null(await host.Client.Entities.GetEntityAsync<CounterState>(id));
    }
}
