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
    [InlineData("Pipeline:Media:VideoWidth", "321")]
    [InlineData("Pipeline:Media:VideoFramesPerSecond", "0")]
    [InlineData("Pipeline:Media:EspeakVoice", "EN US")]
    [InlineData("Pipeline:Media:FaultInjection:PermanentRate", "1.5")]
    public async Task AddPipelineMedia_InvalidSetting_FailsAtStartNamingIt(string key, string value)
    {
        using var host = BuildHost(new() { [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var name = key.Split(':')[^1];
        Assert.Contains(error.Failures, f => f.Contains(name, StringComparison.Ordinal));
    }

    /// <summary>Settings that were documented but never read: setting one stops the host and says where it went.</summary>
    [Theory]
    [InlineData("Pipeline:Media:ImageWidth", "640", "Pipeline:Lecture:ImageWidth")]
    [InlineData("Pipeline:Media:ImageHeight", "360", "Pipeline:Lecture:ImageHeight")]
    [InlineData("Pipeline:Media:VideoSeconds", "5", "narration")]
    [InlineData("Pipeline:Media:DefaultVoice:Pitch", "50", "Pipeline:Lecture:NarrationVoice")]
    public async Task AddPipelineMedia_RetiredSetting_FailsAtStartNamingWhatReplacedIt(string key, string value, string replacement)
    {
        using var host = BuildHost(new() { ["Pipeline:Media:PreferExternalTools"] = "false", [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith($"{string.Join(':', key.Split(':')[..3])} is no longer a setting", failure, StringComparison.Ordinal);
        Assert.Contains(replacement, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Pipeline:Media:VideoWidht")]
    [InlineData("Pipeline:Media:FaultInjection:TransientRat")]
    [InlineData("Pipeline:Media:FaultInjection:Latency:Median")]
    [InlineData("Pipeline:Media:VideoFormat")]
    public async Task AddPipelineMedia_KeyNoSettingBinds_FailsAtStartNamingIt(string key)
    {
        using var host = BuildHost(new() { ["Pipeline:Media:PreferExternalTools"] = "false", [key] = "1" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal($"{key} is not a setting of Pipeline:Media (misspelt?).", Assert.Single(error.Failures));
    }

    [Fact]
    public async Task AddPipelineMedia_EveryDocumentedMediaSetting_IsAccepted()
    {
        using var host = BuildHost(new()
        {
            ["Pipeline:Media:EspeakVoice"] = "en-gb",
            ["Pipeline:Media:VideoWidth"] = "320",
            ["Pipeline:Media:VideoHeight"] = "180",
            ["Pipeline:Media:VideoFramesPerSecond"] = "10",
            ["Pipeline:Media:PreferExternalTools"] = "false",
            ["Pipeline:Media:FaultInjection:Enabled"] = "true",
            ["Pipeline:Media:FaultInjection:Seed"] = "7",
            ["Pipeline:Media:FaultInjection:TransientRate"] = "0.3",
            ["Pipeline:Media:FaultInjection:Latency:Distribution"] = "Uniform",
            ["Pipeline:Media:FaultInjection:Latency:MinMilliseconds"] = "1",
            ["Pipeline:Media:FaultInjection:Latency:MaxMilliseconds"] = "2",
        });
        await host.StartAsync();

        var options = host.Services.GetRequiredService<IOptions<MediaOptions>>().Value;
        Assert.Equal(new VideoFormat { Width = 320, Height = 180, FramesPerSecond = 10 }, options.VideoFormat);
        Assert.Equal(0.3, options.FaultInjection.TransientRate);
        Assert.Equal(2, options.FaultInjection.Latency.MaxMilliseconds);
        await host.StopAsync();
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddPipelineMedia();
        return builder.Build();
    }
}
