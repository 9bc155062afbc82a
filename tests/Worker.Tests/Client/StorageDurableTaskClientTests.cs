using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Pipeline.Worker.Client;

namespace Pipeline.Worker.Tests.Client;

public sealed class StorageDurableTaskClientTests(ClientHubFixture hub) : IClassFixture<ClientHubFixture>, IDisposable
{
    private static readonly TaskName Greeting = typeof(GreetingOrchestration).FullName!;
    private static readonly TaskName Approval = typeof(ApprovalOrchestration).FullName!;
    private static readonly TaskName Family = typeof(FamilyOrchestration).FullName!;

    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(90));

    private StorageDurableTaskClient Client => hub.Client;

    private CancellationToken Token => timeout.Token;

    public void Dispose() => timeout.Dispose();

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_ThenWaitForCompletion_OutputReadsBackThroughConverter()
    {
        var instanceId = await Client.ScheduleNewOrchestrationInstanceAsync(Greeting, "Ada", Token);

        var done = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, Token);

        Assert.Matches("^[0-9a-f]{32}$", instanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Greeting.Name, done.Name);
        Assert.Equal("Ada", done.ReadInputAs<string>());
        Assert.Equal(new Greeting("Hello, Ada!", 11), done.ReadOutputAs<Greeting>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdOfRunningInstance_RefusedAndNothingCreated()
    {
        var instanceId = $"dup-{Guid.NewGuid():N}";
        await Client.ScheduleNewOrchestrationInstanceAsync(Approval, "first", new StartOrchestrationOptions(instanceId), Token);
        var running = await Client.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs: true, Token);

        var refused = await Assert.ThrowsAsync<OrchestrationInstanceExistsException>(() =>
            Client.ScheduleNewOrchestrationInstanceAsync(Approval, "second", new StartOrchestrationOptions(instanceId), Token));

        Assert.Equal(instanceId, refused.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Running, refused.Status);
        var after = await Client.GetInstancesAsync(instanceId, getInputsAndOutputs: true, Token);
        Assert.NotNull(after);
        Assert.Equal(running.CreatedAt, after.CreatedAt);
        Assert.Equal("first", after.ReadInputAs<string>());
        await Client.RaiseEventAsync(instanceId, ApprovalOrchestration.EventName, "ok", Token);
        var done = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, Token);
        Assert.Equal("first:ok", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdOfCompletedInstance_StartsItAgain()
    {
        var instanceId = $"again-{Guid.NewGuid():N}";
        await Client.ScheduleNewOrchestrationInstanceAsync(Greeting, "one", new StartOrchestrationOptions(instanceId), Token);
        await Client.WaitForInstanceCompletionAsync(instanceId, cancellation: Token);

        await Client.ScheduleNewOrchestrationInstanceAsync(Greeting, "two", new StartOrchestrationOptions(instanceId), Token);
        var done = await Eventually.ReadAsync(
            token => Client.GetInstancesAsync(instanceId, getInputsAndOutputs: true, token),
            state => state is { RuntimeStatus: OrchestrationRuntimeStatus.Completed } && state.ReadInputAs<string>() == "two");

        Assert.Equal(new Greeting("Hello, two!", 11), done!.ReadOutputAs<Greeting>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_DedupeStatusesWithoutRunning_ReplacesRunningInstance()
    {
        var instanceId = $"replace-{Guid.NewGuid():N}";
        await Client.ScheduleNewOrchestrationInstanceAsync(Approval, "first", new StartOrchestrationOptions(instanceId), Token);
        await Client.WaitForInstanceStartAsync(instanceId, cancellation: Token);

        var options = new StartOrchestrationOptions(instanceId).WithDedupeStatuses(OrchestrationRuntimeStatus.Completed);
        await Client.ScheduleNewOrchestrationInstanceAsync(Approval, "second", options, Token);

        var replaced = await Client.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs: true, Token);
        Assert.Equal(OrchestrationRuntimeStatus.Running, replaced.RuntimeStatus);
        Assert.Equal("second", replaced.ReadInputAs<string>());
        await Client.RaiseEventAsync(instanceId, ApprovalOrchestration.EventName, "ok", Token);
        var done = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, Token);
        Assert.Equal("second:ok", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_StartAtAndTags_PendingUntilAboutThenTagsKept()
    {
        var startAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var options = new StartOrchestrationOptions(StartAt: startAt)
        {
            Tags = new Dictionary<string, string> { ["job"] = "lecture-42" },
        };

        var instanceId = await Client.ScheduleNewOrchestrationInstanceAsync(Greeting, "later", options, Token);
        var pending = await Client.GetInstancesAsync(instanceId, cancellation: Token);
        var done = await Client.WaitForInstanceCompletionAsync(instanceId, cancellation: Token);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending?.RuntimeStatus);
        // Queue visibility delays are whole seconds: the backend truncates the delay, so a start may come up to 1 s early.
        Assert.True(done.LastUpdatedAt >= startAt.AddSeconds(-1), $"Completed {(startAt - done.LastUpdatedAt).TotalMilliseconds:0} ms before its StartAt.");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("lecture-42", done.Tags["job"]);
    }

    [Fact]
    public async Task GetInstancesAsync_UnknownId_ReturnsNull()
        => Assert.Null(await Client.GetInstancesAsync($"missing-{Guid.NewGuid():N}", getInputsAndOutputs: true, Token));

    [Fact]
    public async Task GetAllInstancesAsync_PrefixMatchingMoreThanOnePage_PagesThroughAllWithContinuationTokens()
    {
        var prefix = $"page-{Guid.NewGuid():N}-";
        var created = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 12).Select(i => $"{prefix}{i:00}").ToList();
        foreach (var id in ids)
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(Greeting, id, new StartOrchestrationOptions(id), Token);
        }

        foreach (var id in ids)
        {
            await Client.WaitForInstanceCompletionAsync(id, cancellation: Token);
        }

        var pages = new List<Page<OrchestrationMetadata>>();
        await foreach (var page in Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 5 }).AsPages().WithCancellation(Token))
        {
            pages.Add(page);
        }

        Assert.True(pages.Count >= 3, $"Expected at least 3 pages of at most 5, got {pages.Count}.");
        Assert.All(pages, page => Assert.True(page.Values.Count <= 5));
        Assert.All(pages.SkipLast(1), page => Assert.False(string.IsNullOrEmpty(page.ContinuationToken)));
        Assert.Null(pages[^1].ContinuationToken);
        Assert.Equal(ids, pages.SelectMany(page => page.Values).Select(instance => instance.InstanceId).Order(StringComparer.Ordinal));

        Assert.Equal(12, await CountAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Completed] }));
        Assert.Equal(0, await CountAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Running] }));
        Assert.Equal(12, await CountAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, CreatedFrom = created.AddSeconds(-1) }));
        Assert.Equal(0, await CountAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, CreatedTo = created.AddMinutes(-5) }));
    }

    [Fact]
    public async Task RaiseEventAsync_WaitingInstance_CompletesWithPayload()
    {
        var instanceId = await Client.ScheduleNewOrchestrationInstanceAsync(Approval, "review", Token);
        await Client.WaitForInstanceStartAsync(instanceId, cancellation: Token);

        await Client.RaiseEventAsync(instanceId, ApprovalOrchestration.EventName, "approved", Token);

        var done = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, Token);
        Assert.Equal("review:approved", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task TerminateInstanceAsync_RunningInstance_TerminatedWithOutput()
    {
        var instanceId = await Client.ScheduleNewOrchestrationInstanceAsync(Approval, "stuck", Token);
        await Client.WaitForInstanceStartAsync(instanceId, cancellation: Token);

        await Client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions("stopped by operator"), Token);

        var done = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, Token);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("stopped by operator", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task TerminateInstanceAsync_Recursive_TerminatesEveryRunningDescendant()
    {
        var parent = $"tree-{Guid.NewGuid():N}";
        await Client.ScheduleNewOrchestrationInstanceAsync(Family, new FamilyInput(1, 2, LeavesWait: true), new StartOrchestrationOptions(parent), Token);
        var children = Enumerable.Range(0, 2).Select(i => FamilyOrchestration.ChildId(parent, i)).ToList();
        var leaves = children.Select(child => FamilyOrchestration.ChildId(child, 0)).ToList();
        foreach (var leaf in leaves)
        {
            await Eventually.ReadAsync(token => Client.GetInstancesAsync(leaf, cancellation: token), state => state?.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        }

        await Client.TerminateInstanceAsync(parent, new TerminateInstanceOptions("cancelled", Recursive: true), Token);

        foreach (var id in children.Concat(leaves).Prepend(parent))
        {
            var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Token);
            Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
            Assert.Equal("cancelled", done.ReadOutputAs<string>());
        }
    }

    [Fact]
    public async Task TerminateInstanceAsync_NotRecursive_LeavesRunningChild()
    {
        var parent = $"single-{Guid.NewGuid():N}";
        await Client.ScheduleNewOrchestrationInstanceAsync(Family, new FamilyInput(0, 1, LeavesWait: true), new StartOrchestrationOptions(parent), Token);
        var leaf = FamilyOrchestration.ChildId(parent, 0);
        await Eventually.ReadAsync(token => Client.GetInstancesAsync(leaf, cancellation: token), state => state?.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await Client.TerminateInstanceAsync(parent, new TerminateInstanceOptions("parent only"), Token);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await Client.WaitForInstanceCompletionAsync(parent, cancellation: Token)).RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Client.GetInstancesAsync(leaf, cancellation: Token))?.RuntimeStatus);
        await Client.TerminateInstanceAsync(leaf, cancellation: Token);
    }

    [Fact]
    public async Task SuspendInstanceAsync_ThenResume_InstanceGoesOnAndCompletes()
    {
        var instanceId = await Client.ScheduleNewOrchestrationInstanceAsync(Approval, "paused", Token);
        await Client.WaitForInstanceStartAsync(instanceId, cancellation: Token);

        await Client.SuspendInstanceAsync(instanceId, "maintenance", Token);
        await Eventually.ReadAsync(token => Client.GetInstancesAsync(instanceId, cancellation: token), state => state?.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);
        await Client.RaiseEventAsync(instanceId, ApprovalOrchestration.EventName, "while suspended", Token);
        var suspended = await Client.GetInstancesAsync(instanceId, cancellation: Token);
        await Client.ResumeInstanceAsync(instanceId, "done", Token);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, suspended?.RuntimeStatus);
        var done = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, Token);
        Assert.Equal("paused:while suspended", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForInstanceCompletionAsync_Cancelled_ThrowsOperationCanceled()
    {
        var instanceId = await Client.ScheduleNewOrchestrationInstanceAsync(Approval, "never", Token);
        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.WaitForInstanceCompletionAsync(instanceId, cancellation: soon.Token));
        await Client.TerminateInstanceAsync(instanceId, cancellation: Token);
    }

    [Fact]
    public async Task DisposeAsync_ThenUse_ThrowsObjectDisposedAndLeavesServiceWorking()
    {
        var other = new StorageDurableTaskClient("other", hub.Service, ClientHubFixture.Converter);
        var instanceId = await other.ScheduleNewOrchestrationInstanceAsync(Greeting, "bye", Token);

        await other.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => other.GetInstancesAsync(instanceId, cancellation: Token));
        Assert.Throws<ObjectDisposedException>(() => other.Entities);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await Client.WaitForInstanceCompletionAsync(instanceId, cancellation: Token)).RuntimeStatus);
    }

    private async Task<int> CountAsync(OrchestrationQuery query)
    {
        var count = 0;
        await foreach (var _ in Client.GetAllInstancesAsync(query).WithCancellation(Token))
        {
            count++;
        }

        return count;
    }
}
