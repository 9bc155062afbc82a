using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Pipeline.Worker.Client;

namespace Pipeline.Worker.Tests.Client;

public sealed class StorageDurableTaskClientPurgeTests(ClientHubFixture hub) : IClassFixture<ClientHubFixture>, IDisposable
{
    private static readonly TaskName Greeting = typeof(GreetingOrchestration).FullName!;
    private static readonly TaskName Approval = typeof(ApprovalOrchestration).FullName!;
    private static readonly TaskName Family = typeof(FamilyOrchestration).FullName!;

    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(90));

    private StorageDurableTaskClient Client => hub.Client;

    private CancellationToken Token => timeout.Token;

    public void Dispose() => timeout.Dispose();

    [Fact]
    public async Task PurgeInstanceAsync_RecursiveOnFinishedFamily_RemovesEverySubOrchestration()
    {
        var root = $"family-{Guid.NewGuid():N}";
        await Client.ScheduleNewOrchestrationInstanceAsync(Family, new FamilyInput(2, 2, LeavesWait: false), new StartOrchestrationOptions(root), Token);
        var done = await Client.WaitForInstanceCompletionAsync(root, getInputsAndOutputs: true, Token);
        var family = FamilyIds(root, depth: 2, width: 2);
        Assert.Equal(family.Count, done.ReadOutputAs<int>());
        foreach (var id in family)
        {
            Assert.NotNull(await Client.GetInstancesAsync(id, cancellation: Token));
        }

        var purged = await Client.PurgeInstanceAsync(root, new PurgeInstanceOptions(Recursive: true), Token);

        Assert.Equal(7, purged.PurgedInstanceCount);
        foreach (var id in family)
        {
            Assert.Null(await Client.GetInstancesAsync(id, cancellation: Token));
        }
    }

    [Fact]
    public async Task PurgeInstanceAsync_NotRecursive_LeavesSubOrchestrations()
    {
        var root = $"flat-{Guid.NewGuid():N}";
        await Client.ScheduleNewOrchestrationInstanceAsync(Family, new FamilyInput(1, 1, LeavesWait: false), new StartOrchestrationOptions(root), Token);
        await Client.WaitForInstanceCompletionAsync(root, cancellation: Token);

        var purged = await Client.PurgeInstanceAsync(root, cancellation: Token);

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await Client.GetInstancesAsync(root, cancellation: Token));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await Client.GetInstancesAsync(FamilyOrchestration.ChildId(root, 0), cancellation: Token))?.RuntimeStatus);
    }

    [Fact]
    public async Task PurgeInstanceAsync_RunningInstance_PurgesNothing()
    {
        var instanceId = await Client.ScheduleNewOrchestrationInstanceAsync(Approval, "busy", Token);
        await Client.WaitForInstanceStartAsync(instanceId, cancellation: Token);

        var purged = await Client.PurgeInstanceAsync(instanceId, new PurgeInstanceOptions(Recursive: true), Token);

        Assert.Equal(0, purged.PurgedInstanceCount);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Client.GetInstancesAsync(instanceId, cancellation: Token))?.RuntimeStatus);
        await Client.RaiseEventAsync(instanceId, ApprovalOrchestration.EventName, "ok", Token);
        Assert.Equal("busy:ok", (await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, Token)).ReadOutputAs<string>());
        Assert.Equal(1, (await Client.PurgeInstanceAsync(instanceId, cancellation: Token)).PurgedInstanceCount);
    }

    [Fact]
    public async Task PurgeInstanceAsync_UnknownId_PurgesNothing()
        => Assert.Equal(0, (await Client.PurgeInstanceAsync($"missing-{Guid.NewGuid():N}", cancellation: Token)).PurgedInstanceCount);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PurgeAllInstancesAsync_CreatedSince_PurgesFinishedInstancesAndKeepsRunningOnes(bool recursive)
    {
        var since = DateTimeOffset.UtcNow;
        var greetings = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            greetings.Add(await Client.ScheduleNewOrchestrationInstanceAsync(Greeting, $"g{i}", Token));
        }

        var root = $"all-{Guid.NewGuid():N}";
        await Client.ScheduleNewOrchestrationInstanceAsync(Family, new FamilyInput(1, 1, LeavesWait: false), new StartOrchestrationOptions(root), Token);
        var running = await Client.ScheduleNewOrchestrationInstanceAsync(Approval, "keep", Token);
        foreach (var id in greetings.Append(root))
        {
            await Client.WaitForInstanceCompletionAsync(id, cancellation: Token);
        }

        await Client.WaitForInstanceStartAsync(running, cancellation: Token);

        var purged = await Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(CreatedFrom: since), new PurgeInstanceOptions(recursive), Token);

        Assert.Equal(4, purged.PurgedInstanceCount);
        foreach (var id in greetings.Append(root).Append(FamilyOrchestration.ChildId(root, 0)))
        {
            Assert.Null(await Client.GetInstancesAsync(id, cancellation: Token));
        }

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Client.GetInstancesAsync(running, cancellation: Token))?.RuntimeStatus);
        var runningOnly = await Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(since, Statuses: [OrchestrationRuntimeStatus.Running]), cancellation: Token);
        Assert.Equal(0, runningOnly.PurgedInstanceCount);
        await Client.TerminateInstanceAsync(running, cancellation: Token);
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_EmptyFilter_PurgesEveryFinishedInstanceOnly()
    {
        var finished = await Client.ScheduleNewOrchestrationInstanceAsync(Greeting, "old", Token);
        var running = await Client.ScheduleNewOrchestrationInstanceAsync(Approval, "keep", Token);
        await Client.WaitForInstanceCompletionAsync(finished, cancellation: Token);
        await Client.WaitForInstanceStartAsync(running, cancellation: Token);

        var purged = await Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(), cancellation: Token);

        Assert.True(purged.PurgedInstanceCount >= 1, $"Purged {purged.PurgedInstanceCount}.");
        Assert.Null(await Client.GetInstancesAsync(finished, cancellation: Token));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Client.GetInstancesAsync(running, cancellation: Token))?.RuntimeStatus);
        await Client.TerminateInstanceAsync(running, cancellation: Token);
    }

    private static List<string> FamilyIds(string root, int depth, int width)
    {
        var ids = new List<string> { root };
        if (depth > 0)
        {
            for (var i = 0; i < width; i++)
            {
                ids.AddRange(FamilyIds(FamilyOrchestration.ChildId(root, i), depth - 1, width));
            }
        }

        return ids;
    }
}
