using DurableTask.Core;
using DurableTask.Core.Command;
using Pipeline.Worker.Tests.Fixtures;
using Pipeline.Worker.Tests.Samples;

namespace Pipeline.Worker.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class HistoryReplayerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly EngineHarness harness = new(azurite);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task ReplayAsync_FinishedDeterministicInstance_IssuesNoNewActions()
    {
        var engine = await harness.StartEngineAsync(SampleCatalog.Create());
        var instance = await EngineHarness.ScheduleAsync(engine, nameof(SampleWorkflow), new SampleInput(10, "replay"));
        await EngineHarness.ClientFor(engine).RaiseEventAsync(instance, SampleWorkflow.ApprovalEvent, "approved");
        var state = await EngineHarness.WaitAsync(engine, instance);
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);

        var replay = await new HistoryReplayer(engine).ReplayAsync(instance.InstanceId);

        Assert.True(replay.IssuedNoNewActions, string.Join(", ", replay.NewActions.Select(action => action.OrchestratorActionType)));
        var completion = Assert.IsType<OrchestrationCompleteOrchestratorAction>(Assert.Single(replay.Actions));
        Assert.Equal(OrchestrationStatus.Completed, completion.OrchestrationStatus);
        Assert.Equal(state.Output, completion.Result);
    }

    [Fact]
    public async Task ReplayAsync_ChangedOrchestratorUnderSameName_ReportsNonDeterministicFailure()
    {
        var engine = await harness.StartEngineAsync(SampleCatalog.Create());
        var instance = await EngineHarness.ScheduleAsync(engine, nameof(ResumableWorkflow), "replayed");
        await EngineHarness.ClientFor(engine).RaiseEventAsync(instance, ResumableWorkflow.ContinueEvent, "go");
        Assert.Equal(OrchestrationStatus.Completed, (await EngineHarness.WaitAsync(engine, instance)).OrchestrationStatus);

        var replay = await new HistoryReplayer(harness.CreateEngine(SampleCatalog.CreateChanged())).ReplayAsync(instance.InstanceId);

        Assert.False(replay.IssuedNoNewActions);
        Assert.Equal(OrchestrationStatus.Failed, replay.Completion?.OrchestrationStatus);
        Assert.Equal(typeof(DurableTask.Core.Exceptions.NonDeterministicOrchestrationException).FullName, replay.Completion?.FailureDetails?.ErrorType);
    }

    [Fact]
    public async Task ReplayAsync_RunningInstance_Refuses()
    {
        var engine = await harness.StartEngineAsync(SampleCatalog.Create());
        var instance = await EngineHarness.ScheduleAsync(engine, nameof(ResumableWorkflow), "running");
        await harness.Signals.WhenRaised("running-first");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new HistoryReplayer(engine).ReplayAsync(instance.InstanceId));

        Assert.Contains("only a finished instance", error.Message, StringComparison.Ordinal);
    }
}
