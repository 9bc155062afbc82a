using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Media;
using Pipeline.Infrastructure.Media;

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
    [InlineData("Pipeline:Media:Images:Modle", "gpt-image-1", "Pipeline:Media:Images:Modle is not a setting")]
    public void AddPipelineMedia_BadOrUnknownKey_FailsAtStartNamingIt(string key, string value, string expected)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => HostedMedia.Build(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(failure.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
