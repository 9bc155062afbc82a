using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain;
using Pipeline.Domain.Api;
using Pipeline.Functions.Adapters;
using Pipeline.Functions.Http;
using Pipeline.Infrastructure.Jobs;
using Pipeline.Infrastructure.Podcast;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Functions;

/// <summary>Everything the Functions app registers besides the worker's own defaults and telemetry.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// The layers' registrations (storage and the claim-check <see cref="DataConverter"/>, the job store, media and
    /// podcast providers, Domain's options and catalog), every options class validated at start, the HTTP API's
    /// options, and the worker serializer over the claim-check converter.
    /// </summary>
    /// <remarks>
    /// The Durable Task extension sets <c>DurableTaskWorkerOptions.DataConverter</c> and
    /// <c>DurableTaskClientOptions.DataConverter</c> from <see cref="WorkerOptions.Serializer"/> in post-configure actions,
    /// overriding the <see cref="DataConverter"/> the Durable Task SDK would take from DI. Setting the serializer is
    /// therefore the one place that routes orchestration, activity, entity and client payloads through the claim check,
    /// and it is also what the worker writes activity return values with.
    /// </remarks>
    public static IServiceCollection AddPipelineFunctions(this IServiceCollection services)
    {
        services
            .AddPipelineStorage()
            .AddPipelineJobStore()
            .AddPipelinePodcast()
            .AddPipelineDomain();
        services.AddOptions<JobsApiOptions>().BindConfiguration(JobsApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JobsApiFactory>();
        services.AddOptions<WorkerOptions>()
            .Configure<DataConverter>((options, converter) => options.Serializer = new ClaimCheckObjectSerializer(converter));
        return services;
    }
}
