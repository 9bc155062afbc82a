using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Durable;
using Pipeline.Testing;
using Pipeline.Worker.Tests.Client;

namespace Pipeline.Worker.Tests.Jobs;

/// <summary>A workflow changed between two engines on one task hub: the running instance fails, visibly through the client.</summary>
public sealed class NonDeterminismTests
{
    private static DurableCatalog Catalog(Type workflow) => new DurableCatalog()
        .AddActivity<SimulatedAssetActivity>()
        .AddActivity<GatedAssetActivity>()
        .Add(workflow, DurableFunctionKind.Orchestrator, nameof(VersionedWorkflow));

    [Fact]
    public async Task ChangedWorkflow_RedeployedWhileAnInstanceWaits_InstanceFailsAsNonDeterministic()
    {
        var (first, instanceId) = await StartWaitingAsync("versioned-changed");
        await using (first)
        {
            await using var second = await TestEngine.StartAsync(
                Catalog(typeof(ChangedVersionedWorkflow)), s => s.AddSingleton(new AssetGate()), taskHubName: first.Options.TaskHubName, log: first.Log);
            await second.Client.RaiseEventAsync(instanceId, "go", "now");
            var result = await second.CompleteAsync(instanceId);

            Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
            // Visible through the client as the failure's type and message.
            var details = Assert.IsType<TaskFailureDetails>(result.FailureDetails);
            Assert.EndsWith(nameof(NonDeterministicOrchestrationException), details.ErrorType, StringComparison.Ordinal);
            Assert.Contains($"'{nameof(SimulatedAssetActivity)}'", details.ErrorMessage, StringComparison.Ordinal);
            Assert.Contains($"'{nameof(GatedAssetActivity)}'", details.ErrorMessage, StringComparison.Ordinal);
            var ended = Assert.Single((await second.Engine.HistoryAsync(instanceId)).OfType<ExecutionCompletedEvent>());
            Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, ended.FailureDetails?.ErrorType);
            Assert.Equal(0, second.Log.Count("versioned-changed-b"));
        }
    }

    [Fact]
    public async Task UnchangedWorkflow_NewEngineWhileAnInstanceWaits_Continues()
    {
        var (first, instanceId) = await StartWaitingAsync("versioned-same");
        await using (first)
        {
            await using var second = await TestEngine.StartAsync(
                Catalog(typeof(VersionedWorkflow)), s => s.AddSingleton(new AssetGate()), taskHubName: first.Options.TaskHubName, log: first.Log);
            await second.Client.RaiseEventAsync(instanceId, "go", "now");
            var result = await second.CompleteAsync(instanceId);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
            Assert.Equal("versioned-same-a+versioned-same-b", result.ReadOutputAs<string>());
            Assert.Equal(1, second.Log.Count("versioned-same-a"));
            Assert.Equal(1, second.Log.Count("versioned-same-b"));
        }
    }

    /// <summary>Version 1 on a first engine, until its first activity's completion is in history; then that engine stops.</summary>
    private static async Task<(TestEngine Host, string InstanceId)> StartWaitingAsync(string instanceId)
    {
        var first = await TestEngine.StartAsync(Catalog(typeof(VersionedWorkflow)), s => s.AddSingleton(new AssetGate()));
        await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(VersionedWorkflow), instanceId, new StartOrchestrationOptions(instanceId));
        await first.Client.WaitForInstanceStartAsync(instanceId);
        await Eventually.ReadAsync(
            _ => first.Engine.HistoryAsync(instanceId),
            history => history.OfType<TaskCompletedEvent>().Any(),
            TestEngine.Timeout);
        await first.Engine.StopAsync();
        return (first, instanceId);
    }
}
