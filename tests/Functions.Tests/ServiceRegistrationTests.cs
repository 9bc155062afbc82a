using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using Pipeline.Domain;
using Pipeline.Domain.Api;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;
using Pipeline.Functions.Http;

namespace Pipeline.Functions.Tests;

/// <summary>
/// The services the app registers (<see cref="FunctionsServiceCollectionExtensions.AddPipelineFunctions"/>, the call
/// Program.cs makes) create every task the functions activate, the job store and the claim-check converter, from the
/// sample settings and without a Functions host.
/// </summary>
public sealed class ServiceRegistrationTests : IDisposable
{
    private readonly SampleSettings settings = new();
    private readonly ServiceProvider provider;

    public ServiceRegistrationTests() => provider = Build(settings.Build());

    public static TheoryData<string> Activities
        => [.. PipelineCatalog.Create().Entries.Where(e => e.Kind == DurableFunctionKind.Activity).Select(e => e.Name)];

    [Theory]
    [MemberData(nameof(Activities))]
    public void Activity_IsCreatedFromTheRegisteredServices(string name)
    {
        var type = PipelineCatalog.Create().Get(name, DurableFunctionKind.Activity).Type;

        // What ActivityFunction.Activate does for each invocation.
        var activity = ActivatorUtilities.GetServiceOrCreateInstance(provider, type);

        Assert.IsType(type, activity);
    }

    [Fact]
    public void Entity_IsCreatedFromTheRegisteredServices()
    {
        // What TaskEntityDispatcher.DispatchAsync<T>() does for each batch.
        Assert.IsType<JobStatusEntity>(ActivatorUtilities.GetServiceOrCreateInstance<JobStatusEntity>(provider));
    }

    [Fact]
    public void DataConverter_IsTheClaimCheckConverter()
    {
        Assert.IsType<OffloadingPayloadConverter>(provider.GetRequiredService<DataConverter>());
    }

    [Fact]
    public void JobRepository_AndCatalog_Resolve()
    {
        Assert.NotNull(provider.GetRequiredService<IJobRepository>());
        Assert.Equal(PipelineCatalog.Create().Entries.Count, provider.GetRequiredService<DurableCatalog>().Entries.Count);
    }

    [Fact]
    public void JobsApi_IsCreatedOverTheBoundClient()
    {
        var client = new Mock<DurableTaskClient>("bound").Object;

        Assert.NotNull(provider.GetRequiredService<JobsApiFactory>().For(client));
    }

    [Fact]
    public void StartupValidation_PassesWithTheSampleSettings()
    {
        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(JobsApiOptions.DefaultMaxRequestBytes, provider.GetRequiredService<IOptions<JobsApiOptions>>().Value.MaxRequestBytes);
    }

    [Fact]
    public void StartupValidation_NamesAnInvalidSetting()
    {
        using var invalid = new SampleSettings(new Dictionary<string, string?> { ["Pipeline:Api:MaxRequestBytes"] = "1" });
        using var services = Build(invalid.Build());

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("MaxRequestBytes", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        provider.Dispose();
        settings.Dispose();
    }

    private static ServiceProvider Build(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddPipelineFunctions();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
