using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Core = DurableTask.Core;

namespace Pipeline.Worker.Client;

/// <summary>Maps between the SDK's client types and DurableTask.Core's, value by value.</summary>
internal static class CoreConversions
{
    /// <summary>The statuses an instance never leaves by itself.</summary>
    public static readonly IReadOnlyList<OrchestrationRuntimeStatus> TerminalStatuses =
    [
        OrchestrationRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated,
    ];

    /// <summary>The statuses of an instance that is still in flight.</summary>
    public static readonly IReadOnlyList<OrchestrationRuntimeStatus> ActiveStatuses =
    [
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended,
    ];

    public static bool IsTerminal(this Core.OrchestrationStatus status)
        => TerminalStatuses.Contains(status.ToSdk());

    public static OrchestrationRuntimeStatus ToSdk(this Core.OrchestrationStatus status)
    {
#pragma warning disable CS0618 // Canceled and ContinuedAsNew are obsolete in the SDK but still values of the backend.
        return status switch
        {
            Core.OrchestrationStatus.Running => OrchestrationRuntimeStatus.Running,
            Core.OrchestrationStatus.Completed => OrchestrationRuntimeStatus.Completed,
            Core.OrchestrationStatus.ContinuedAsNew => OrchestrationRuntimeStatus.ContinuedAsNew,
            Core.OrchestrationStatus.Failed => OrchestrationRuntimeStatus.Failed,
            Core.OrchestrationStatus.Canceled => OrchestrationRuntimeStatus.Canceled,
            Core.OrchestrationStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
            Core.OrchestrationStatus.Pending => OrchestrationRuntimeStatus.Pending,
            Core.OrchestrationStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration status."),
        };
#pragma warning restore CS0618
    }

    public static Core.OrchestrationStatus ToCore(this OrchestrationRuntimeStatus status)
    {
#pragma warning disable CS0618
        return status switch
        {
            OrchestrationRuntimeStatus.Running => Core.OrchestrationStatus.Running,
            OrchestrationRuntimeStatus.Completed => Core.OrchestrationStatus.Completed,
            OrchestrationRuntimeStatus.ContinuedAsNew => Core.OrchestrationStatus.ContinuedAsNew,
            OrchestrationRuntimeStatus.Failed => Core.OrchestrationStatus.Failed,
            OrchestrationRuntimeStatus.Canceled => Core.OrchestrationStatus.Canceled,
            OrchestrationRuntimeStatus.Terminated => Core.OrchestrationStatus.Terminated,
            OrchestrationRuntimeStatus.Pending => Core.OrchestrationStatus.Pending,
            OrchestrationRuntimeStatus.Suspended => Core.OrchestrationStatus.Suspended,
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration status."),
        };
#pragma warning restore CS0618
    }

    public static TaskFailureDetails? ToSdk(this Core.FailureDetails? details)
        => details is null
            ? null
            : new TaskFailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, details.InnerFailure.ToSdk(), details.Properties);
}
