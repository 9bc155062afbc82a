using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Jobs;

namespace Pipeline.Functions.Activities;

/// <summary>Persists the manifest and the final status of a job (<see cref="CompleteJobActivity"/>).</summary>
public static class CompleteJobActivityFunction
{
    [Function(nameof(CompleteJobActivity))]
    public static Task<JobStatus> Run([ActivityTrigger] JobCompletion input, string instanceId, FunctionContext context)
        => context.Activate<CompleteJobActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
