using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using DurableTask.Core;
using Pipeline.Worker.Tests.Fixtures;
using Pipeline.Worker.Tests.Samples;

namespace Pipeline.Worker.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class DurableTaskEngineTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly EngineHarness harness = new(azurite);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task RunAsync_FanOutSubOrchestrationEntityAndEvent_CompletesWithEveryResult()
    {
        var engine = await harness.StartEngineAsync(SampleCatalog.Create());
        var client = EngineHarness.ClientFor(engine);

        var instance = await EngineHarness.ScheduleAsync(engine, nameof(SampleWorkflow), new SampleInput(100, "fan-out"));
        await client.RaiseEventAsync(instance, SampleWorkflow.ApprovalEvent, "approved");
        var state = await EngineHarness.WaitAsync(engine, instance);

        Assert.True(state.OrchestrationStatus == OrchestrationStatus.Completed, state.FailureDetails?.ToString() ?? state.Output);
        var output = Read<SampleOutput>(engine, state.Output);
        Assert.Equal(Enumerable.Range(1, 100).Sum(i => i * i), output.SumOfSquares);
        Assert.Equal(42, output.Child.Doubled);
        Assert.Equal(instance.InstanceId, output.Child.ParentInstanceId);
        Assert.Equal(nameof(SampleWorkflow), output.Child.ParentName);
        Assert.Equal(6, output.CounterAfterSignalAndCall);
        Assert.Equal("approved", output.Approval);
    }

    [Fact]
    public async Task RunAsync_ActivitiesFannedOut_EachExecutionGetsItsOwnDisposedScope()
    {
        var engine = await harness.StartEngineAsync(SampleCatalog.Create());

        var state = await EngineHarness.RunAsync(engine, nameof(ScopeProbeWorkflow), 8);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        var probes = Read<Guid[][]>(engine, state.Output);
        Assert.Equal(8, probes.Length);
        Assert.All(probes, pair => Assert.Equal(pair[0], pair[1]));
        Assert.Equal(8, probes.Select(pair => pair[0]).Distinct().Count());
        var disposed = harness.Services.GetRequiredService<ProbeLedger>().Disposed.ToHashSet();
        Assert.All(probes, pair => Assert.Contains(pair[0], disposed));
    }

    [Fact]
    public async Task RunAsync_ActivityThrows_OrchestratorSeesTaskFailedWithTypeAndMessage()
    {
        var engine = await harness.StartEngineAsync(SampleCatalog.Create());

        var state = await EngineHarness.RunAsync(engine, nameof(RetryWorkflow), new FlakyRequest("permanent", Permanent: true));

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        var outcome = Read<RetryOutcome>(engine, state.Output);
        Assert.True(outcome.CaughtTaskFailed);
        Assert.Equal(typeof(PermanentFailureException).FullName, outcome.ErrorType);
        Assert.Equal("permanent failure of permanent on attempt 1", outcome.ErrorMessage);
    }

    [Fact]
    public async Task RunAsync_RetryPolicyRefusesOneFailureType_RetriesOnlyTheOther()
    {
        var engine = await harness.StartEngineAsync(SampleCatalog.Create());

        var permanent = await EngineHarness.ScheduleAsync(engine, nameof(RetryWorkflow), new FlakyRequest("refused", Permanent: true));
        var transient = await EngineHarness.ScheduleAsync(engine, nameof(RetryWorkflow), new FlakyRequest("retried", Permanent: false));
        var permanentState = await EngineHarness.WaitAsync(engine, permanent);
        var transientState = await EngineHarness.WaitAsync(engine, transient);

        Assert.Equal(OrchestrationStatus.Completed, permanentState.OrchestrationStatus);
        Assert.Equal(OrchestrationStatus.Completed, transientState.OrchestrationStatus);
        Assert.Equal(1, harness.Counter["refused"]);
        Assert.Equal(RetryWorkflow.MaxAttempts, harness.Counter["retried"]);
        var transientOutcome = Read<RetryOutcome>(engine, transientState.Output);
        Assert.Equal(typeof(TimeoutException).FullName, transientOutcome.ErrorType);
        Assert.Equal($"transient failure of retried on attempt {RetryWorkflow.MaxAttempts}", transientOutcome.ErrorMessage);
    }

    [Fact]
    public async Task StartAsync_NewEngineOnSameHub_FinishesInstanceTheStoppedEngineLeftRunning()
    {
        var first = await harness.StartEngineAsync(SampleCatalog.Create());
        var instance = await EngineHarness.ScheduleAsync(first, nameof(ResumableWorkflow), "resume");
        await harness.Signals.WhenRaised("resume-first");
        await first.StopAsync();
        Assert.False(first.IsRunning);

        var second = await harness.StartEngineAsync(SampleCatalog.Create());
        await EngineHarness.ClientFor(second).RaiseEventAsync(instance, ResumableWorkflow.ContinueEvent, "go");
        var state = await EngineHarness.WaitAsync(second, instance);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal(["resume-first", "go", "resume-second"], Read<string[]>(second, state.Output));
        Assert.Equal(1, harness.Counter["resume-first"]);
        Assert.Equal(1, harness.Counter["resume-second"]);
    }

    [Fact]
    public async Task StartAsync_ChangedOrchestratorSwappedInWhileWaiting_FailsInstanceAsNonDeterministic()
    {
        var first = await harness.StartEngineAsync(SampleCatalog.Create());
        var instance = await EngineHarness.ScheduleAsync(first, nameof(ResumableWorkflow), "changed");
        await harness.Signals.WhenRaised("changed-first");
        await first.StopAsync();

        var changed = await harness.StartEngineAsync(SampleCatalog.CreateChanged());
        await EngineHarness.ClientFor(changed).RaiseEventAsync(instance, ResumableWorkflow.ContinueEvent, "go");
        var state = await EngineHarness.WaitAsync(changed, instance);

        Assert.Equal(OrchestrationStatus.Failed, state.OrchestrationStatus);
        // The Azure Storage backend keeps no FailureDetails on the instance: its output is "{type}: {message}".
        Assert.StartsWith($"{typeof(DurableTask.Core.Exceptions.NonDeterministicOrchestrationException).FullName}: Non-Deterministic workflow detected", state.Output, StringComparison.Ordinal);
        Assert.Contains($"named '{nameof(StepActivity)}'", state.Output, StringComparison.Ordinal);
        Assert.Contains($"named '{nameof(OtherStepActivity)}'", state.Output, StringComparison.Ordinal);
        Assert.Equal(0, harness.Counter["changed-second"]);
    }

    private static T Read<T>(DurableTaskEngine engine, string? json)
        => engine.DataConverter.Deserialize<T>(json) ?? throw new JsonException("No output.");
}
