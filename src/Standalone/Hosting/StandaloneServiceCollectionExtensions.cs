using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
using Pipeline.Runtime;
using Pipeline.Standalone.Telemetry;

namespace Pipeline.Standalone.Hosting;

public static class StandaloneServiceCollectionExtensions
{
    /// <summary>An Application Insights connection string: traces and metrics go to Azure Monitor when it is set.</summary>
    public const string AzureMonitorSetting = "Pipeline:Telemetry:AzureMonitorConnectionString";

    /// <summary>
    /// Everything the standalone host runs on: the embedded defaults under <see cref="StandaloneOptions.DataRoot"/>
    /// (SQLite history, SQLite job records, filesystem blobs) unless configuration chooses other stores through the
    /// <c>AddPipeline…</c> extensions, the media generators, the durable runtime as a hosted service, the request
    /// handling of the API, and telemetry. Every option is validated at start.
    /// </summary>
    public static IServiceCollection AddPipelineStandalone(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StandaloneOptions>().BindConfiguration(StandaloneOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>());
        services.AddOptions<JobsApiOptions>().BindConfiguration(JobsApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DurableRuntimeOptions>().BindConfiguration(DurableRuntimeOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure<IConfiguration, IOptions<StandaloneOptions>>((o, config, root) =>
            {
                if (config[$"{DurableRuntimeOptions.Section}:{nameof(DurableRuntimeOptions.DatabasePath)}"] is null)
                {
                    o.DatabasePath = Path.Combine(root.Value.FullDataRoot, "durable.db");
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

        services.AddSingleton<RuntimeHost>();
        services.AddHostedService(provider => provider.GetRequiredService<RuntimeHost>());
        services.AddSingleton(provider => provider.GetRequiredService<RuntimeHost>().Runtime.Client);
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
