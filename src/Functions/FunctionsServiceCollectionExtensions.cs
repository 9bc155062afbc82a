using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Domain;
using Pipeline.Domain.Api;
using Pipeline.Domain.Durable;
using Pipeline.Functions.Adapters;
using Pipeline.Functions.Http;

namespace Pipeline.Functions;

/// <summary>What the Functions host adds to the layers' registrations (<c>AddPipelineStorage</c>, <c>AddPipelineJobStore</c>, <c>AddPipelineMedia</c>).</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Domain's registrations (<see cref="DomainServiceCollectionExtensions.AddPipelineDomain"/>: its options, validated at
    /// start, and the durable catalog) and the claim-check converter plugged into the Durable Task worker and client.
    /// </summary>
    /// <remarks>
    /// The Durable Task extension post-configures <see cref="DurableTaskWorkerOptions.DataConverter"/> and
    /// <see cref="DurableTaskClientOptions.DataConverter"/> from <see cref="WorkerOptions.Serializer"/>. Post-configure
    /// actions run in registration order and the extension registers its own while the builder is created, so the ones
    /// below run after it and win. The worker serializer is set too, because the worker (not the Durable Task SDK)
    /// serializes an activity function's return value.
    /// </remarks>
    public static IServiceCollection AddPipelineFunctionsHost(this IServiceCollection services)
    {
        services.AddPipelineDomain();
        services.AddOptions<JobsApiOptions>().BindConfiguration(JobsApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JobsApiFactory>();

        services.AddOptions<WorkerOptions>()
            .Configure<IPayloadConverter>((options, converter) => options.Serializer = new ClaimCheckObjectSerializer(converter));
        services.AddSingleton<IPostConfigureOptions<DurableTaskWorkerOptions>>(provider => new PostConfigureOptions<DurableTaskWorkerOptions>(
            name: null, options => options.DataConverter = new ClaimCheckDataConverter(provider.GetRequiredService<IPayloadConverter>())));
        services.AddSingleton<IPostConfigureOptions<DurableTaskClientOptions>>(provider => new PostConfigureOptions<DurableTaskClientOptions>(
            name: null, options => options.DataConverter = new ClaimCheckDataConverter(provider.GetRequiredService<IPayloadConverter>())));
        return services;
    }
}
