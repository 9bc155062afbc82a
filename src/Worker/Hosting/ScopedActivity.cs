using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Worker.Hosting;

/// <summary>
/// Runs one SDK activity execution in its own DI scope: the activity type is created in the scope, run through the
/// SDK's activity shim, and the scope is disposed when the run ends (successfully or not).
/// </summary>
internal sealed class ScopedActivity(TaskName name, Type activityType, IServiceScopeFactory scopes, DurableTaskShimFactory shims) : TaskActivity
{
    public override string Run(TaskContext context, string input)
        => throw new NotSupportedException("SDK activities run asynchronously; DurableTask.Core calls RunAsync.");

    public override async Task<string> RunAsync(TaskContext context, string input)
    {
        using var payloads = JobPayloadScope.For(context.OrchestrationInstance?.InstanceId, name.Name);
        await using var scope = scopes.CreateAsyncScope();
        var activity = (ITaskActivity)ActivatorUtilities.CreateInstance(scope.ServiceProvider, activityType);
        return await shims.CreateActivity(name, activity).RunAsync(context, input);
    }
}
