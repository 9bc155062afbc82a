using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Jobs.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Records a job's progress phase (<see cref="UpdateJobPhaseActivity"/>).</summary>
public sealed class UpdateJobPhaseActivityFunction(IServiceProvider services)
{
    [Function(nameof(UpdateJobPhaseActivity))]
    public Task<JobProgress> Run([ActivityTrigger] JobPhaseUpdate input, FunctionContext context)
        => ActivatorUtilities.CreateInstance<UpdateJobPhaseActivity>(services).RunAsync(input, context.CancellationToken);
}
