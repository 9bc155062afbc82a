using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace Pipeline.Worker.Hosting;

/// <summary>
/// One execution of an SDK orchestrator. DurableTask.Core creates the task object before it knows the instance, but the
/// SDK shim wants the parent instance up front (for <see cref="TaskOrchestrationContext.Parent"/>); so the shim is made
/// on first <see cref="Execute"/>, after the dispatcher middleware (or the replayer) has set <see cref="Parent"/> from
/// the runtime state. With extended sessions DurableTask.Core keeps this object, and so the shim, for the session.
/// </summary>
internal sealed class SdkOrchestration(TaskName name, Func<ITaskOrchestrator> createOrchestrator, DurableTaskShimFactory shims) : TaskOrchestration
{
    private TaskOrchestration? shim;

    public ParentOrchestrationInstance? Parent { get; set; }

    public static ParentOrchestrationInstance? ParentOf(OrchestrationRuntimeState? state)
        => state?.ParentInstance is { } parent
            ? new ParentOrchestrationInstance(parent.Name, parent.OrchestrationInstance.InstanceId)
            : null;

    public override Task<string> Execute(OrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The workflow's continuations capture the scope with the execution context, so it covers every payload the
        // workflow serializes in this episode, not only those before Execute returns.
        using var payloads = JobPayloadScope.For(context.OrchestrationInstance?.InstanceId, name.Name);
        shim ??= shims.CreateOrchestration(name, createOrchestrator(), Parent);
        return shim.Execute(context, input);
    }

    public override void RaiseEvent(OrchestrationContext context, string name, string input)
        => shim?.RaiseEvent(context, name, input);

    public override string GetStatus() => shim?.GetStatus()!;
}
