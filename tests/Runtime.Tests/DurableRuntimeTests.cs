using Pipeline.Domain.Durable;
using Pipeline.Runtime.History;
using Pipeline.Runtime.Tests.Samples;
using Pipeline.Runtime.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Runtime.Tests;

public sealed class DurableRuntimeTests
{
    [Fact]
    public async Task RunAsync_SequenceThenFanOut_CompletesAndRunsEachActivityOnce()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());

        var result = await host.RunAsync(nameof(SequenceThenFanOutWorkflow), "job", "seq-1");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var outputs = result.ReadOutputAs<List<string>>()!;
        Assert.Equal(23, outputs.Count);
        Assert.Equal("echo:job-seq-0", outputs[0]);
        Assert.Equal("echo:job-par-19", outputs[22]);
        Assert.Equal(23, host.Log.Counts.Count);
        Assert.All(host.Log.Counts, c => Assert.Equal(1, c.Value));
        var counters = host.Runtime.GetCounters("seq-1")!;
        Assert.Equal(23, counters.ActivityExecutions[nameof(EchoActivity)]);
        Assert.True(counters.Episodes >= 5, $"expected at least one episode per sequential step, got {counters.Episodes}");
    }

    [Fact]
    public async Task RunAsync_TransientFailureThenSuccess_RetriesOnlyThatActivityWithBackoff()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());
        var start = host.Clock.GetUtcNow();

        var result = await host.RunAsync(nameof(RetryWorkflow), "flaky", "retry-1");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("ok:flaky:3", result.ReadOutputAs<string[]>()![0]);
        Assert.Equal(3, host.Log.Count("flaky"));
        Assert.All(Enumerable.Range(0, 5), i => Assert.Equal(1, host.Log.Count($"sibling-{i}")));
        var attempts = host.Log.TimesOf("flaky");
        Assert.Equal(start, attempts[0]);
        Assert.Equal(TimeSpan.FromSeconds(10), attempts[1] - attempts[0]);
        Assert.Equal(TimeSpan.FromSeconds(20), attempts[2] - attempts[1]);
        var history = host.Runtime.GetHistory("retry-1")!;
        Assert.Equal(2, history.Count(e => e.Type == HistoryEventType.TimerCreated));
        Assert.Equal(3, history.Count(e => e.Type == HistoryEventType.TaskScheduled && e.Name == nameof(FlakyActivity)));
    }

    [Fact]
    public async Task RunAsync_RetryPredicateRefusesFailure_RunsOnceAndSurfacesFailureDetails()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());

        var result = await host.RunAsync(nameof(PermanentFailureWorkflow), "bad-prompt", "permanent-1");

        Assert.Equal("failed:System.IO.InvalidDataException:bad-prompt is refused", result.ReadOutputAs<string>());
        Assert.Equal(1, host.Log.Count("bad-prompt"));
    }

    [Fact]
    public void DelayAfter_ExponentialBackoff_IsCappedByMaxRetryInterval()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(1), 3.0, maxRetryInterval: TimeSpan.FromSeconds(20));

        Assert.Equal(
            new[] { 1, 3, 9, 20, 20 }.Select(s => TimeSpan.FromSeconds(s)),
            Enumerable.Range(1, 5).Select(policy.DelayAfter));
    }

    [Fact]
    public async Task SubOrchestration_WithExplicitInstanceId_ReturnsChildOutput()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());

        var result = await host.RunAsync(nameof(ParentWorkflow), "x", "parent-1");

        Assert.Equal("parent(child(echo:x))", result.ReadOutputAs<string>());
        var child = await host.Client.GetInstanceAsync("parent-1-child-0", getInputsAndOutputs: true);
        Assert.NotNull(child);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
        Assert.Equal(nameof(ChildWorkflow), child.Name);
    }

    [Fact]
    public async Task CreateTimer_OnVirtualTime_ResumesAtFireTimeWithEpisodeTimestamp()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());
        var start = host.Clock.GetUtcNow().UtcDateTime;

        var result = await host.RunAsync(nameof(TimerWorkflow), 90, "timer-1");

        var times = result.ReadOutputAs<DateTime[]>()!;
        Assert.Equal(start, times[0]);
        Assert.Equal(start.AddMinutes(90), times[1]);
    }

    [Fact]
    public async Task WaitForExternalEvent_RaisedByClient_CompletesWithPayloadAndCustomStatusIsVisible()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalWorkflow), null, new StartOrchestrationOptions("approval-1"));
        await host.Runtime.WaitForIdleAsync();

        var waiting = await host.Client.GetInstanceAsync("approval-1");
        Assert.Equal(OrchestrationRuntimeStatus.Running, waiting!.RuntimeStatus);
        Assert.Contains("\"stage\":\"waiting\"", waiting.SerializedCustomStatus, StringComparison.Ordinal);

        await host.Client.RaiseEventAsync("approval-1", "approval", "alice");
        var result = await host.CompleteAsync("approval-1");

        Assert.Equal("approved:alice", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_EventRaisedBeforeWaiting_IsBuffered()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalWorkflow), null, new StartOrchestrationOptions("approval-early"));
        await host.Client.RaiseEventAsync(id, "approval", "early");

        var result = await host.CompleteAsync(id);

        Assert.Equal("approved:early", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_WithTimeoutAndNoEvent_TimesOutOnDurableTimer()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());
        var start = host.Clock.GetUtcNow();

        var result = await host.RunAsync(nameof(ApprovalWorkflow), 30, "approval-timeout");

        Assert.Equal("timed out", result.ReadOutputAs<string>());
        Assert.Equal(start.AddMinutes(30), host.Clock.GetUtcNow());
    }

    [Fact]
    public async Task WaitForExternalEvent_WithTimeoutAndEventInTime_ReturnsEvent()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalWorkflow), 30, new StartOrchestrationOptions("approval-in-time"));
        await host.Runtime.WaitForIdleAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(10));

        await host.Client.RaiseEventAsync("approval-in-time", "approval", "bob");
        var result = await host.CompleteAsync("approval-in-time");

        Assert.Equal("approved:bob", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task TerminateInstance_WhileWaiting_EndsTerminatedWithReason()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalWorkflow), null, new StartOrchestrationOptions("terminate-1"));
        await host.Runtime.WaitForIdleAsync();

        await host.Client.TerminateInstanceAsync("terminate-1", "cancelled by user");
        var result = await host.Client.WaitForInstanceCompletionAsync("terminate-1", getInputsAndOutputs: true);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("cancelled by user", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ContinueAsNew_CountsToTarget_KeepsHistoryToOneExecution()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());

        var result = await host.RunAsync(nameof(CountdownWorkflow), new[] { 1, 5 }, "countdown-1");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(5, result.ReadOutputAs<int>());
        Assert.All(Enumerable.Range(1, 5), i => Assert.Equal(1, host.Log.Count($"count-{i}")));
        var history = host.Runtime.GetHistory("countdown-1")!;
        Assert.Single(history, e => e.Type == HistoryEventType.ExecutionStarted);
        Assert.Single(history, e => e.Type == HistoryEventType.TaskScheduled);
    }

    [Fact]
    public async Task NewGuid_AcrossReplays_IsStable()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());

        var result = await host.RunAsync(nameof(GuidWorkflow), "g", "guid-1");

        var guids = result.ReadOutputAs<string[]>()!;
        Assert.NotEqual(guids[0], guids[1]);
        Assert.Equal(1, host.Log.Count(guids[0]));
        Assert.Equal(1, host.Log.Count(guids[1]));
    }

    [Fact]
    public async Task PurgeInstance_Completed_RemovesIt()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());
        await host.RunAsync(nameof(ChildWorkflow), "p", "purge-1");

        var purged = await host.Client.PurgeInstanceAsync("purge-1");

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync("purge-1"));
    }

    [Fact]
    public async Task ScheduleNew_RunningInstanceId_IsRefused()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalWorkflow), null, new StartOrchestrationOptions("dup-1"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalWorkflow), null, new StartOrchestrationOptions("dup-1")));

        Assert.Contains("dup-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduleNew_UnknownWorkflow_IsRefusedWithName()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("NoSuchWorkflow"));

        Assert.Contains("NoSuchWorkflow", error.Message, StringComparison.Ordinal);
    }
}
