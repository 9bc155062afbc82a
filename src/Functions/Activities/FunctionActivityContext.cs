using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Pipeline.Functions.Activities;

/// <summary>
/// The <see cref="TaskActivityContext"/> an activity function hands its activity: the activity's name (the function's
/// name, which is the catalog name) and the orchestration instance that called it.
/// </summary>
public sealed class FunctionActivityContext(FunctionContext function, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = (function ?? throw new ArgumentNullException(nameof(function))).FunctionDefinition.Name;

    public override string InstanceId { get; } = instanceId;
}
