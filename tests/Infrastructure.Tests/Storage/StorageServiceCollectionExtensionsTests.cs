using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.DurableTask;
using Pipeline.Domain.Payloads;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Infrastructure.Tests.Storage;

public sealed class StorageServiceCollectionExtensionsTests
{
    [Fact]
    public void AddPipelineStorage_FileSystemConfigured_ResolvesStoreAndOffloadingConverter()
    {
        var root = Directory.CreateTempSubdirectory("pipeline-di-").FullName;
        try
        {
            using var provider = Build(new() { ["Pipeline:Storage:Provider"] = "FileSystem", ["Pipeline:Storage:FileSystem:RootPath"] = root });

            provider.GetRequiredService<IStartupValidator>().Validate();

            Assert.IsType<FileSystemBlobStore>(provider.GetRequiredService<IBlobStore>());
            Assert.IsType<OffloadingPayloadConverter>(provider.GetRequiredService<DataConverter>());
            Assert.NotNull(provider.GetRequiredService<PayloadJanitor>());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("FileSystem", "", "Pipeline:Storage:FileSystem:RootPath")]
    [InlineData("AzureBlob", "", "Pipeline:Storage:AzureBlob:ConnectionString")]
    [InlineData("S3", "", "Pipeline:Storage:S3:BucketName")]
    [InlineData("Ftp", "", "Pipeline:Storage:Provider")]
    public void AddPipelineStorage_Misconfigured_FailsAtStartNamingTheSetting(string provider, string value, string setting)
    {
        var settings = new Dictionary<string, string?> { ["Pipeline:Storage:Provider"] = provider, ["Pipeline:Storage:FileSystem:RootPath"] = value };

        var failure = Assert.ThrowsAny<Exception>(() =>
        {
            using var services = Build(settings);
            services.GetRequiredService<IStartupValidator>().Validate();
        });

        Assert.Contains(setting, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPipelineStorage_ThresholdOverMaximum_FailsAtStartNamingBothSettings()
    {
        using var provider = Build(new()
        {
            ["Pipeline:Storage:FileSystem:RootPath"] = Path.GetTempPath(),
            ["Pipeline:Payloads:InlineThresholdBytes"] = "65536",
            ["Pipeline:Payloads:MaxPayloadBytes"] = "32768",
        });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Pipeline:Payloads:InlineThresholdBytes", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Pipeline:Payloads:MaxPayloadBytes", failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddPipelineStorage()
            .BuildServiceProvider();
    }
}
