using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Pipeline.Domain;
using Pipeline.Domain.Api;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Payloads;
using Pipeline.Infrastructure.Jobs;
using Pipeline.Infrastructure.Media;
using Pipeline.Infrastructure.Podcast;
using Pipeline.Infrastructure.Storage;
using Pipeline.Standalone.Telemetry;
using Pipeline.Worker;
using Pipeline.Worker.Client;

namespace Pipeline.Standalone.Hosting;

public static class StandaloneServiceCollectionExtensions
{
    /// <summary>An Application Insights connection string: traces and metrics go to Azure Monitor when it is set.</summary>
    public const string AzureMonitorSetting = "Pipeline:Telemetry:AzureMonitorConnectionString";

    /// <summary>
    /// Everything the standalone host runs on: the Durable Task engine (DurableTask.Core's task hub worker over the
    /// Azure Storage backend; by default development storage, with Azurite started by the host and its data under
    /// <see cref="StandaloneOptions.DataRoot"/>), a <see cref="DurableTaskClient"/> over the engine's backend with the
    /// same claim-check converter, the embedded defaults under the data root (SQLite job records, filesystem blobs)
    /// unless configuration chooses other stores through the <c>AddPipeline…</c> extensions, the media generators, the
    /// request handling of the API, and telemetry. Every option is validated at start.
    /// </summary>
    public static IServiceCollection AddPipelineStandalone(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StandaloneOptions>().BindConfiguration(StandaloneOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>());
        services.AddOptions<JobsApiOptions>().BindConfiguration(JobsApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DurableTaskHubOptions>().PostConfigure<IConfiguration, IOptions<StandaloneOptions>>((o, config, root) =>
        {
            // A started Azurite keeps its data under the data root unless the engine's own setting says otherwise.
            if (config[$"{DurableTaskHubOptions.SectionName}:{nameof(DurableTaskHubOptions.StorageEmulatorDirectory)}"] is null)
            {
                o.StorageEmulatorDirectory = Path.Combine(root.Value.FullDataRoot, "azurite");
            }
        });

        // The embedded defaults live under the data root unless a store's own setting says otherwise.
        services.AddOptions<BlobStorageOptions>().PostConfigure<IOptions<StandaloneOptions>>((o, root) =>
        {
            if (string.IsNullOrWhiteSpace(o.FileSystem.RootPath))
            {
                // The store keeps its files under blobs/, meta/ and .tmp/ of this folder.
                o.FileSystem.RootPath = root.Value.FullDataRoot;
            }
        });
        services.AddOptions<JobStoreOptions>().PostConfigure<IConfiguration, IOptions<StandaloneOptions>>((o, config, root) =>
        {
            if (config[$"{JobStoreOptions.Section}:Embedded:DataRoot"] is null)
            {
                o.Embedded.DataRoot = root.Value.FullDataRoot;
            }
        });

        services.AddPipelineDomain();
        services.AddPipelineStorage();
        services.AddPipelineJobStore();
        services.AddPipelineMedia();
        services.AddPipelinePodcast();
        DecorateBlobStoreWithGenerationLog(services);

        // The engine reads the registered SDK DataConverter (the claim-check converter of AddPipelineStorage); the
        // client uses the engine's, so both sides of the task hub read and write the same payloads.
        services.AddPipelineEngine(InstrumentedCatalog.Instrument(PipelineCatalog.Create()).ToEngineCatalog());
        services.AddSingleton<DurableTaskClient>(provider =>
        {
            var engine = provider.GetRequiredService<DurableTaskEngine>();
            return new StorageDurableTaskClient(engine.Options.TaskHubName, engine.Service, engine.DataConverter, provider.GetRequiredService<ILoggerFactory>());
        });
        services.AddSingleton<JobsApi>();
        services.AddSingleton<PipelineTelemetry>();
        services.AddMetrics();

        // Traces and metrics leave the process only when an exporter is configured.
        var connection = configuration[AzureMonitorSetting] ?? configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        if (!string.IsNullOrWhiteSpace(connection))
        {
            services.AddOpenTelemetry()
                .WithTracing(tracing => tracing
                    .AddSource(PipelineTelemetry.Name, "Microsoft.AspNetCore")
                    .AddAzureMonitorTraceExporter(o => o.ConnectionString = connection))
                .WithMetrics(metrics => metrics
                    .AddMeter(PipelineTelemetry.Name, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                    .AddAzureMonitorMetricExporter(o => o.ConnectionString = connection));
        }

        return services;
    }

    private static void DecorateBlobStoreWithGenerationLog(IServiceCollection services)
    {
        var descriptor = services.LastOrDefault(d => d.ServiceType == typeof(IBlobStore) && !d.IsKeyedService);
        if (descriptor?.ImplementationFactory is not { } factory)
        {
            return;
        }

        services.Remove(descriptor);
        services.AddSingleton<IBlobStore>(provider =>
        {
            var store = (IBlobStore)factory(provider);
            var path = provider.GetRequiredService<IOptions<StandaloneOptions>>().Value.GenerationLogPath;
            return string.IsNullOrWhiteSpace(path) ? store : new GenerationLoggingBlobStore(store, Path.GetFullPath(path));
        });
    }
}
