using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Jobs;

namespace Pipeline.Functions.Activities;

/// <summary>Persists the manifest and the final status of a job (<see cref="CompleteJobActivity"/>).</summary>
public sealed class CompleteJobActivityFunction(IServiceProvider services)
{
    [Function(nameof(CompleteJobActivity))]
    public Task<JobStatus> Run([ActivityTrigger] JobCompletion input, FunctionContext context)
        => ActivatorUtilities.CreateInstance<CompleteJobActivity>(services).RunAsync(input, context.CancellationToken);
}
