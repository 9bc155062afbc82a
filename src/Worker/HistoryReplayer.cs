using DurableTask.Core;
using DurableTask.Core.Entities;

namespace Pipeline.Worker;

/// <summary>
/// Replays a finished instance's stored history through DurableTask.Core's <see cref="TaskOrchestrationExecutor"/>
/// over a fresh object of the orchestrator the engine's catalog registers under the instance's name: the determinism
/// check a deployment of changed workflow code must pass.
/// </summary>
public sealed class HistoryReplayer(DurableTaskEngine engine)
{
    private static readonly OrchestrationStatus[] FinishedStatuses =
        [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated];

    public async Task<ReplayResult> ReplayAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var (state, events) = await StoredHistory.ReadAsync(engine.Service, instanceId, cancellationToken)
            ?? throw new InvalidOperationException($"No orchestration instance '{instanceId}' on task hub {engine.Options.TaskHubName}.");
        if (!FinishedStatuses.Contains(state.OrchestrationStatus))
        {
            throw new InvalidOperationException($"Instance '{instanceId}' is {state.OrchestrationStatus}; only a finished instance can be replayed.");
        }

        if (events.Count == 0)
        {
            throw new InvalidOperationException($"Instance '{instanceId}' has no stored history.");
        }

        var runtimeState = new OrchestrationRuntimeState([.. events]);
        var orchestration = engine.CreateOrchestration(runtimeState.Name)
            ?? throw new InvalidOperationException($"No orchestrator named '{runtimeState.Name}' is registered.");
        if (orchestration is Hosting.SdkOrchestration sdk)
        {
            sdk.Parent = Hosting.SdkOrchestration.ParentOf(runtimeState);
        }

        var entityParameters = TaskOrchestrationEntityParameters.FromEntityBackendProperties(
            ((IEntityOrchestrationService)engine.Service).EntityBackendProperties);
        var executor = new TaskOrchestrationExecutor(
            runtimeState,
            orchestration,
            engine.Service.EventBehaviourForContinueAsNew,
            entityParameters,
            ErrorPropagationMode.UseFailureDetails);
        var result = executor.Execute();
        return new ReplayResult(instanceId, state.OrchestrationInstance.ExecutionId, state.OrchestrationStatus, state.Output, result.Actions.ToList());
    }
}
