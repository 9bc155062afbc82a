using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Status;

namespace Pipeline.Functions.Entities;

/// <summary>
/// The live status of a job (<see cref="JobStatusEntity"/>, keyed by job id). The dispatcher creates the entity from
/// the invocation's services, so its constructor dependencies (blob store, options) are injected.
/// </summary>
public static class JobStatusEntityFunction
{
    [Function(nameof(JobStatusEntity))]
    public static Task Run([EntityTrigger] TaskEntityDispatcher dispatcher)
        => (dispatcher ?? throw new ArgumentNullException(nameof(dispatcher))).DispatchAsync<JobStatusEntity>();
}
