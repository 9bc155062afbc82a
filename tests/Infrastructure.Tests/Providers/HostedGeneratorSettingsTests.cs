using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Media;
using Pipeline.Infrastructure.Media;
using Pipeline.Infrastructure.Media.Providers.OpenAI;

namespace Pipeline.Infrastructure.Tests.Providers;

public sealed class HostedGeneratorSettingsTests
{
    [Fact]
    public void AddPipelineMedia_NoProviderSet_KeepsTheLocalGenerators()
    {
        using var services = HostedMedia.Build(new Dictionary<string, string?>());

        Assert.IsType<SkiaImageGenerator>(services.GetRequiredService<IImageGenerator>());
        Assert.IsType<LocalPromptWriter>(services.GetRequiredService<IPromptWriter>());
        Assert.IsType<SynthSpeechGenerator>(services.GetRequiredService<ISpeechGenerator>());
    }

    [Theory]
    [InlineData("Images", "OpenAI", null, "Pipeline:Media:Images:ApiKey is required when Pipeline:Media:Images:Provider is OpenAI.")]
    [InlineData("Speech", "AzureOpenAI", "https://example.openai.azure.com", "Pipeline:Media:Speech:Deployment is required")]
    [InlineData("Prompts", "AzureOpenAI", null, "Pipeline:Media:Prompts:Endpoint is required")]
    [InlineData("Images", "OpenAI", "http://example.com/v1", "Pipeline:Media:Images:Endpoint must use https")]
    public void AddPipelineMedia_HostedProviderIncomplete_FailsAtStartNamingTheSetting(string generator, string provider, string? endpoint, string expected)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => HostedMedia.Build(new Dictionary<string, string?>
        {
            [$"Pipeline:Media:{generator}:Provider"] = provider,
            [$"Pipeline:Media:{generator}:Endpoint"] = endpoint,
        }));

        Assert.Contains(failure.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Pipeline:Media:Images:Size", "big", "Pipeline:Media:Images:Size is not valid")]
    [InlineData("Pipeline:Media:Speech:TimeoutSeconds", "0", "Pipeline:Media:Speech:TimeoutSeconds is not valid")]
    [InlineData("Pipeline:Media:Prompts:Provider", "ChatGPT", "Pipeline:Media:Prompts:Provider 'ChatGPT' is not a provider: use Local, OpenAI, AzureOpenAI.")]
    [InlineData("Pipeline:Media:Prompts:Provider", "1", "Pipeline:Media:Prompts:Provider '1' is not a provider")]
    [InlineData("Pipeline:Media:Images:Modle", "gpt-image-1", "Pipeline:Media:Images:Modle is not a setting")]
    public void AddPipelineMedia_BadOrUnknownKey_FailsAtStartNamingIt(string key, string value, string expected)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => HostedMedia.Build(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(failure.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AddPipelineMedia_AzureOpenAiWithoutKey_UsesTheAppsIdentityWithoutCallingAnything()
    {
        using var services = HostedMedia.Build(new Dictionary<string, string?>
        {
            ["Pipeline:Media:Speech:Provider"] = "AzureOpenAI",
            ["Pipeline:Media:Speech:Endpoint"] = "https://example.openai.azure.com",
            ["Pipeline:Media:Speech:Deployment"] = "tts",
        });

        Assert.IsType<OpenAiSpeechGenerator>(services.GetRequiredService<ISpeechGenerator>());
    }

    [Theory]
    [InlineData(1280, 720, "gpt-image-1", null, 1536, 1024)]
    [InlineData(720, 1280, "gpt-image-1", null, 1024, 1536)]
    [InlineData(800, 800, "gpt-image-1", null, 1024, 1024)]
    [InlineData(1280, 720, "dall-e-3", null, 1792, 1024)]
    [InlineData(300, 300, "dall-e-2", null, 512, 512)]
    [InlineData(1280, 720, "gpt-image-1", "1024x1024", 1024, 1024)]
    public void RequestSize_LectureSize_NearestAllowedOrConfigured(int width, int height, string model, string? configured, int expectedWidth, int expectedHeight)
    {
        Assert.Equal((expectedWidth, expectedHeight), OpenAiImageGenerator.RequestSize(configured, model, width, height));
    }
}
