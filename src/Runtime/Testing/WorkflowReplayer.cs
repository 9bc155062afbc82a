using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Domain.Durable;
using Pipeline.Runtime.Execution;
using Pipeline.Runtime.History;

namespace Pipeline.Runtime.Testing;

/// <summary>
/// Replays a workflow over a recorded history, as a worker would after a restart, and reports the commands it issued
/// next to the recorded ones. Every workflow gets a replay test built on this.
/// </summary>
public static class WorkflowReplayer
{
    public static ReplayResult Replay(IWorkflow workflow, string name, string instanceId, IReadOnlyList<HistoryEvent> history, IPayloadConverter? converter = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(history);
        var result = OrchestrationExecutor.Run(workflow, name, instanceId, history, newEvents: null, DateTime.MinValue, converter ?? JsonPayloadConverter.Instance, NullLoggerFactory.Instance);
        var recorded = history.Where(e => e.IsCommand).Select(Describe).ToList();
        var replayed = result.IssuedCommands.Select(Describe).ToList();
        var failure = result.Completion == OrchestrationRuntimeStatus.Failed && result.Failure?.ErrorType == typeof(NonDeterministicWorkflowException).FullName
            ? result.Failure
            : null;
        return new ReplayResult(recorded, replayed, failure);
    }

    private static string Describe(HistoryEvent e) => $"#{e.EventId} {e.Describe()}";
}
