using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Jobs.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Records a job's progress phase (<see cref="UpdateJobPhaseActivity"/>).</summary>
public static class UpdateJobPhaseActivityFunction
{
    [Function(nameof(UpdateJobPhaseActivity))]
    public static Task<JobProgress> Run([ActivityTrigger] JobPhaseUpdate input, string instanceId, FunctionContext context)
        => context.Activate<UpdateJobPhaseActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
