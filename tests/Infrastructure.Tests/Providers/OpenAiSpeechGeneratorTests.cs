using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Media;
using Pipeline.Infrastructure.Media.Providers.OpenAI;
using static Pipeline.Infrastructure.Tests.Providers.OpenAiProtocolServer;

namespace Pipeline.Infrastructure.Tests.Providers;

public sealed class OpenAiSpeechGeneratorTests : IAsyncLifetime
{
    private OpenAiProtocolServer _server = null!;

    public async Task InitializeAsync() => _server = await StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SynthesizeAsync_LocalVoiceName_AsksForWavInTheConfiguredVoiceAndStoresTheProvidersBytes()
    {
        var settings = HostedMedia.OpenAi(_server, "Speech");
        settings["Pipeline:Media:Speech:Voice"] = "nova";
        using var services = HostedMedia.Build(settings);
        var speech = services.GetRequiredService<ISpeechGenerator>();
        Assert.IsType<OpenAiSpeechGenerator>(speech);
        const string text = "Tides follow the moon.";

        await using var media = await speech.SynthesizeAsync(text, new VoiceProfile { Name = "en-us", SpeedWordsPerMinute = 200 });

        var request = Assert.Single(_server.RequestsTo(Route.Speech));
        Assert.Equal("/v1/audio/speech", request.Path);
        Assert.Equal("wav", (string?)request.Body["response_format"]);
        Assert.Equal("nova", (string?)request.Body["voice"]);
        Assert.Equal("tts-1", (string?)request.Body["model"]);
        Assert.Equal(text, (string?)request.Body["input"]);
        Assert.Equal(1.25, (double)request.Body["speed"]!, 3);
        Assert.Equal(SHA256.HashData(request.Asset!), await SHA256.HashDataAsync(media.Content));
        Assert.Equal("audio/wav", media.ContentType);
        Assert.Equal(TimeSpan.FromMilliseconds(60 * text.Length), media.Duration);
        Assert.Equal(new MediaUsage { Provider = "openai", Model = "tts-1", Characters = text.Length, AudioSeconds = Math.Round(0.06 * text.Length, 3) }, media.Usage);
    }

    [Fact]
    public async Task SynthesizeAsync_ProviderVoiceName_SendsTheJobsVoice()
    {
        using var services = HostedMedia.Build(HostedMedia.OpenAi(_server, "Speech"));

        await using var media = await services.GetRequiredService<ISpeechGenerator>().SynthesizeAsync("Hello.", new VoiceProfile { Name = "Onyx" });

        Assert.Equal("onyx", (string?)Assert.Single(_server.RequestsTo(Route.Speech)).Body["voice"]);
    }
}
