using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pipeline.Domain.Podcast;
using Pipeline.Domain.Podcast.Diarization;
using Pipeline.Infrastructure.Media;

namespace Pipeline.Infrastructure.Podcast;

public static class PodcastServiceCollectionExtensions
{
    /// <summary>
    /// Registers the local podcast providers: the deterministic script writer, the exact WAV concatenator, the energy
    /// and pitch diarizer and the nearest-features speaker identifier; speech comes from the media generators
    /// (<see cref="MediaServiceCollectionExtensions.AddPipelineMedia"/>, added here when missing: espeak-ng, else the
    /// built-in synthesizer). Hosted-provider adapters replace a port by registering it first.
    /// </summary>
    public static IServiceCollection AddPipelinePodcast(this IServiceCollection services)
    {
        services.AddPipelineMedia();
        services.TryAddSingleton<IPodcastScriptWriter, LocalScriptWriter>();
        services.TryAddSingleton<IAudioConcatenator, WavConcatenator>();
        services.TryAddSingleton<IDiarizer, EnergyPitchDiarizer>();
        services.TryAddSingleton<ISpeakerIdentifier, FeatureSpeakerIdentifier>();
        return services;
    }
}
