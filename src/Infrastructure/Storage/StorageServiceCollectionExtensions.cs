using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Payloads;

namespace Pipeline.Infrastructure.Storage;

/// <summary>Registers blob storage and the claim-check payload converter.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="BlobStorageOptions"/> to <c>Pipeline:Storage</c> and <see cref="PayloadOptions"/> to
    /// <c>Pipeline:Payloads</c> (validated at start-up, errors name the setting), and registers the chosen
    /// <see cref="IBlobStore"/>, the <see cref="OffloadingPayloadConverter"/> as <see cref="DataConverter"/> and the
    /// <see cref="PayloadJanitor"/>. Registrations made before this call win.
    /// </summary>
    public static IServiceCollection AddPipelineStorage(this IServiceCollection services)
    {
        services.AddOptions<BlobStorageOptions>()
            .BindConfiguration(BlobStorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<PayloadOptions>()
            .BindConfiguration(PayloadOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton<IBlobStore>(provider => CreateStore(provider.GetRequiredService<IOptions<BlobStorageOptions>>().Value));
        services.TryAddSingleton<DataConverter, OffloadingPayloadConverter>();
        services.TryAddSingleton<PayloadJanitor>();
        return services;
    }

    private static IBlobStore CreateStore(BlobStorageOptions options) => options.Provider switch
    {
        BlobStorageProvider.FileSystem => new FileSystemBlobStore(options.FileSystem),
        BlobStorageProvider.AzureBlob => AzureBlobStore.Create(options.AzureBlob),
        BlobStorageProvider.S3 => S3BlobStore.Create(options.S3),
        _ => throw new OptionsValidationException(BlobStorageOptions.SectionName, typeof(BlobStorageOptions), [$"{BlobStorageOptions.SectionName}:Provider '{options.Provider}' is not supported."]),
    };
}
