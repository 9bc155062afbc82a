using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Jobs;

namespace Pipeline.Functions.Activities;

/// <summary>Records why a job failed (the orchestrator's failure path) (<see cref="FailJobActivity"/>).</summary>
public static class FailJobActivityFunction
{
    [Function(nameof(FailJobActivity))]
    public static Task<JobStatus> Run([ActivityTrigger] JobFailure input, string instanceId, FunctionContext context)
        => context.Activate<FailJobActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
