using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Status;
using Pipeline.Functions.Adapters;

namespace Pipeline.Functions.Entities;

/// <summary>The live status of a job (<see cref="JobStatusEntity"/>, keyed by job id): Domain's state machine behind the SDK's entity dispatcher.</summary>
public sealed class JobStatusEntityFunction(IServiceProvider services)
{
    [Function(nameof(JobStatusEntity))]
    public Task Run([EntityTrigger] TaskEntityDispatcher dispatcher)
        => dispatcher.DispatchAsync(new EntityAdapter(ActivatorUtilities.CreateInstance<JobStatusEntity>(services)));
}
