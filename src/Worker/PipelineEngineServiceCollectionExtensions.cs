using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Worker.Hosting;
using SdkDataConverter = Microsoft.DurableTask.DataConverter;

namespace Pipeline.Worker;

public static class PipelineEngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the standalone engine for <paramref name="catalog"/>: <see cref="DurableTaskHubOptions"/> bound from
    /// <see cref="DurableTaskHubOptions.SectionName"/> and validated at start-up, the <see cref="DurableTaskEngine"/>,
    /// its backend (also as <see cref="IOrchestrationServiceClient"/>), the <see cref="HistoryReplayer"/> and a hosted
    /// service that starts the engine (and Azurite for development storage) with the host. The SDK converter is the
    /// registered <see cref="SdkDataConverter"/>, else the SDK's JSON converter.
    /// </summary>
    public static IServiceCollection AddPipelineEngine(this IServiceCollection services, DurableTaskCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        services.AddOptions<DurableTaskHubOptions>()
            .BindConfiguration(DurableTaskHubOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableTaskHubOptions>, DurableTaskHubOptionsValidator>());
        services.AddSingleton(catalog);
        services.AddSingleton(provider => new DurableTaskEngine(
            provider.GetRequiredService<IOptions<DurableTaskHubOptions>>().Value,
            catalog,
            provider,
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetService<SdkDataConverter>() ?? JsonDataConverter.Default));
        services.TryAddSingleton(provider => provider.GetRequiredService<DurableTaskEngine>().Service);
        services.TryAddSingleton<IOrchestrationServiceClient>(provider => provider.GetRequiredService<AzureStorageOrchestrationService>());
        services.TryAddSingleton(provider => new HistoryReplayer(provider.GetRequiredService<DurableTaskEngine>()));
        services.AddHostedService<DurableTaskEngineHostedService>();
        return services;
    }
}
