using DurableTask.Core;
using DurableTask.Core.Command;

namespace Pipeline.Worker;

/// <summary>
/// What DurableTask.Core's executor issued when a finished instance's history was replayed over its registered
/// orchestrator. A full replay matches every scheduled task, timer, sub-orchestration and sent event against its
/// history event, so those issue no action; what is left is the completion the code reaches again (the executor always
/// appends one when the orchestrator's task has finished and nothing is open). "No new actions" therefore means: the
/// only action is an <see cref="OrchestrationCompleteOrchestratorAction"/> with the recorded status and output.
/// A non-deterministic replay shows up as a failed completion instead (the executor turns
/// <c>NonDeterministicOrchestrationException</c> into one).
/// </summary>
public sealed record ReplayResult(
    string InstanceId,
    string ExecutionId,
    OrchestrationStatus RecordedStatus,
    string? RecordedOutput,
    IReadOnlyList<OrchestratorAction> Actions)
{
    /// <summary>The completion the replay reached, if any.</summary>
    public OrchestrationCompleteOrchestratorAction? Completion => Actions.OfType<OrchestrationCompleteOrchestratorAction>().LastOrDefault();

    /// <summary>Actions other than a completion identical to the recorded one.</summary>
    public IReadOnlyList<OrchestratorAction> NewActions => Actions.Where(action => !RepeatsRecordedCompletion(action)).ToList();

    public bool IssuedNoNewActions => NewActions.Count == 0;

    private bool RepeatsRecordedCompletion(OrchestratorAction action)
        => action is OrchestrationCompleteOrchestratorAction completion
            && completion.OrchestrationStatus == RecordedStatus
            && string.Equals(completion.Result, RecordedOutput, StringComparison.Ordinal);
}
