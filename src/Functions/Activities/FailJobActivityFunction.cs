using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Jobs;

namespace Pipeline.Functions.Activities;

/// <summary>Records why a job failed (the orchestrator's failure path) (<see cref="FailJobActivity"/>).</summary>
public sealed class FailJobActivityFunction(IServiceProvider services)
{
    [Function(nameof(FailJobActivity))]
    public Task<JobStatus> Run([ActivityTrigger] JobFailure input, FunctionContext context)
        => ActivatorUtilities.CreateInstance<FailJobActivity>(services).RunAsync(input, context.CancellationToken);
}
