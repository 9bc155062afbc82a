using DurableTask.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pipeline.Worker.Tests.Samples;

namespace Pipeline.Worker.Tests;

public sealed class PipelineEngineServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddPipelineEngine_InvalidPartitionCount_HostFailsToStartNamingTheSetting()
    {
        using var host = CreateHost(new Dictionary<string, string?> { ["Pipeline:DurableTask:PartitionCount"] = "32" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Pipeline:DurableTask:PartitionCount must be 1–16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPipelineEngine_Configuration_BindsOptionsAndSharesTheBackend()
    {
        using var host = CreateHost(new Dictionary<string, string?>
        {
            ["Pipeline:DurableTask:TaskHubName"] = "bound1",
            ["Pipeline:DurableTask:PartitionCount"] = "2",
        });

        var engine = host.Services.GetRequiredService<DurableTaskEngine>();

        Assert.Equal("bound1", engine.Options.TaskHubName);
        Assert.Equal(2, engine.Options.PartitionCount);
        Assert.Same(engine.Service, host.Services.GetRequiredService<IOrchestrationServiceClient>());
        Assert.Contains(nameof(SampleWorkflow), engine.Catalog.Orchestrators.Keys);
    }

    private static IHost CreateHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<IMultiplier, Multiplier>();
        builder.Services.AddPipelineEngine(SampleCatalog.Create());
        return builder.Build();
    }
}
