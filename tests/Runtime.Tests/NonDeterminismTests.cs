using Pipeline.Domain.Durable;
using Pipeline.Runtime.Execution;
using Pipeline.Runtime.Store;
using Pipeline.Runtime.Tests.Samples;
using Pipeline.Runtime.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Runtime.Tests;

public sealed class NonDeterminismTests
{
    [Theory]
    [InlineData(typeof(RenamedActivityWorkflow), "TaskScheduled 'EchoActivity'", "TaskScheduled 'OtherActivity'")]
    [InlineData(typeof(ReorderedWorkflow), "TaskScheduled 'EchoActivity'", "TimerCreated")]
    public async Task Replay_WorkflowChangedBetweenRuns_FailsNamingBothCommands(Type changed, string recorded, string issued)
    {
        var store = new InMemoryHistoryStore();
        var log = new ExecutionLog();
        await using (var before = new TestRuntime(SampleCatalog.Create(), store, log: log))
        {
            await before.Client.ScheduleNewOrchestrationInstanceAsync(nameof(VersionOneWorkflow), "x", new StartOrchestrationOptions("versioned-1"));
            await before.Runtime.WaitForIdleAsync();
        }

        var catalog = SampleCatalog.Create();
        var redeployed = new DurableCatalog();
        foreach (var entry in catalog.Entries.Where(e => e.Name != nameof(VersionOneWorkflow)))
        {
            redeployed.Add(entry.Type, entry.Kind);
        }

        redeployed.Add(changed, DurableFunctionKind.Orchestrator, nameof(VersionOneWorkflow));
        await using var after = new TestRuntime(redeployed, store, log);
        await after.Client.RaiseEventAsync("versioned-1", "go", "now");
        var result = await after.CompleteAsync("versioned-1");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicWorkflowException).FullName, result.FailureDetails!.ErrorType);
        Assert.Contains("sequence #0", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(recorded, result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(issued, result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, log.Count("a"));
    }

    [Fact]
    public async Task Replay_UnchangedWorkflowAfterRestart_Continues()
    {
        var store = new InMemoryHistoryStore();
        var log = new ExecutionLog();
        await using (var before = new TestRuntime(SampleCatalog.Create(), store, log: log))
        {
            await before.Client.ScheduleNewOrchestrationInstanceAsync(nameof(VersionOneWorkflow), "x", new StartOrchestrationOptions("versioned-2"));
            await before.Runtime.WaitForIdleAsync();
        }

        await using var after = new TestRuntime(SampleCatalog.Create(), store, log: log);
        await after.Client.RaiseEventAsync("versioned-2", "go", "now");
        var result = await after.CompleteAsync("versioned-2");

        Assert.Equal("echo:aecho:b", result.ReadOutputAs<string>());
        Assert.Equal(1, log.Count("a"));
        Assert.Equal(1, log.Count("b"));
    }
}
