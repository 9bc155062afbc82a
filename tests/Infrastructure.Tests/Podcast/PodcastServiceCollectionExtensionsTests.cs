using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Domain.Media;
using Pipeline.Domain.Podcast;
using Pipeline.Domain.Podcast.Diarization;
using Pipeline.Infrastructure.Media;
using Pipeline.Infrastructure.Podcast;

namespace Pipeline.Infrastructure.Tests.Podcast;

public sealed class PodcastServiceCollectionExtensionsTests
{
    [Fact]
    public void AddPipelinePodcast_NoHostedProviders_RegistersTheLocalOnesAndSpeech()
    {
        using var services = Build(s => { });

        Assert.IsType<LocalScriptWriter>(services.GetRequiredService<IPodcastScriptWriter>());
        Assert.IsType<WavConcatenator>(services.GetRequiredService<IAudioConcatenator>());
        Assert.IsType<EnergyPitchDiarizer>(services.GetRequiredService<IDiarizer>());
        Assert.IsType<FeatureSpeakerIdentifier>(services.GetRequiredService<ISpeakerIdentifier>());
        Assert.IsType<SynthSpeechGenerator>(services.GetRequiredService<ISpeechGenerator>());
    }

    [Fact]
    public void AddPipelinePodcast_HostedDiarizerRegisteredFirst_IsKept()
    {
        var hosted = new Moq.Mock<IDiarizer>().Object;

        using var services = Build(s => s.AddSingleton(hosted));

        Assert.Same(hosted, services.GetRequiredService<IDiarizer>());
    }

    private static ServiceProvider Build(Action<IServiceCollection> before)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Pipeline:Media:PreferExternalTools"] = "false" }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        before(services);
        return services.AddPipelinePodcast().BuildServiceProvider();
    }
}
