using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Functions.Activities;

/// <summary>What every activity function does before it runs its activity.</summary>
public static class ActivityFunction
{
    /// <summary>The activity, with its dependencies from the invocation's services (constructor injection).</summary>
    public static TActivity Activate<TActivity>(this FunctionContext function)
        where TActivity : ITaskActivity
    {
        ArgumentNullException.ThrowIfNull(function);
        return ActivatorUtilities.GetServiceOrCreateInstance<TActivity>(function.InstanceServices);
    }
}
