using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;

namespace Pipeline.Infrastructure.Jobs;

public static class JobStoreServiceCollectionExtensions
{
    /// <summary>The service key of the job store's own <see cref="CosmosClient"/>.</summary>
    public const string CosmosClientKey = "Pipeline:Jobs";

    /// <summary>
    /// Registers <see cref="IJobRepository"/> on the backend chosen by <c>Pipeline:Jobs:Provider</c>, validated at start.
    /// Needs an <see cref="IBlobStore"/> for overflowed manifests.
    /// </summary>
    public static IServiceCollection AddPipelineJobStore(this IServiceCollection services)
    {
        services.AddOptions<JobStoreOptions>()
            .BindConfiguration(JobStoreOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton<CosmosClient>(CosmosClientKey, (provider, _) =>
            CosmosJobClientFactory.Create(provider.GetRequiredService<IOptions<JobStoreOptions>>().Value.Cosmos));
        services.TryAddSingleton<IJobDocumentStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<JobStoreOptions>>().Value;
            return options.Provider switch
            {
                JobStoreProvider.Cosmos => new CosmosJobDocumentStore(
                    provider.GetRequiredKeyedService<CosmosClient>(CosmosClientKey),
                    options.Cosmos,
                    provider.GetRequiredService<ILogger<CosmosJobDocumentStore>>()),
                _ => new SqliteJobDocumentStore(options.Embedded.DatabasePath),
            };
        });
        services.TryAddSingleton<IJobRepository>(provider => new JobRecordStore(
            provider.GetRequiredService<IJobDocumentStore>(),
            provider.GetRequiredService<IBlobStore>(),
            provider.GetRequiredService<IOptions<JobStoreOptions>>().Value.ToRecordStoreOptions(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddHostedService<JobStoreInitializer>();
        return services;
    }
}
