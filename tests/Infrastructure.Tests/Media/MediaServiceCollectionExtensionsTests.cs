using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Media;
using Pipeline.Infrastructure.Media;
using Pipeline.Infrastructure.Media.FaultInjection;

namespace Pipeline.Infrastructure.Tests.Media;

public sealed class MediaServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddPipelineMedia_ExternalToolsOff_RegistersTheBuiltInGenerators()
    {
        using var host = BuildHost(new() { ["Pipeline:Media:PreferExternalTools"] = "false" });
        await host.StartAsync();

        Assert.IsType<LocalPromptWriter>(host.Services.GetRequiredService<IPromptWriter>());
        Assert.IsType<SkiaImageGenerator>(host.Services.GetRequiredService<IImageGenerator>());
        Assert.IsType<SynthSpeechGenerator>(host.Services.GetRequiredService<ISpeechGenerator>());
        Assert.IsType<SynthMusicGenerator>(host.Services.GetRequiredService<IMusicGenerator>());
        Assert.IsType<MjpegAviVideoGenerator>(host.Services.GetRequiredService<IVideoGenerator>());
        await host.StopAsync();
    }

    [Fact]
    public async Task AddPipelineMedia_FaultInjectionEnabled_WrapsEveryPort()
    {
        using var host = BuildHost(new()
        {
            ["Pipeline:Media:PreferExternalTools"] = "false",
            ["Pipeline:Media:FaultInjection:Enabled"] = "true",
            ["Pipeline:Media:FaultInjection:TransientRate"] = "0.1",
        });
        await host.StartAsync();

        Assert.IsType<FaultInjectingPromptWriter>(host.Services.GetRequiredService<IPromptWriter>());
        Assert.IsType<FaultInjectingImageGenerator>(host.Services.GetRequiredService<IImageGenerator>());
        Assert.IsType<FaultInjectingSpeechGenerator>(host.Services.GetRequiredService<ISpeechGenerator>());
        Assert.IsType<FaultInjectingMusicGenerator>(host.Services.GetRequiredService<IMusicGenerator>());
        Assert.IsType<FaultInjectingVideoGenerator>(host.Services.GetRequiredService<IVideoGenerator>());
        await host.StopAsync();
    }

    [Theory]
    [InlineData("Pipeline:Media:ImageWidth", "5")]
    [InlineData("Pipeline:Media:VideoWidth", "321")]
    [InlineData("Pipeline:Media:DefaultVoice:Pitch", "150")]
    [InlineData("Pipeline:Media:FaultInjection:PermanentRate", "1.5")]
    public async Task AddPipelineMedia_InvalidSetting_FailsAtStartNamingIt(string key, string value)
    {
        using var host = BuildHost(new() { [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var name = key.Split(':')[^1];
        Assert.Contains(error.Failures, f => f.Contains(name, StringComparison.Ordinal));
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddPipelineMedia();
        return builder.Build();
    }
}
