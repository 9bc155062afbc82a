using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Podcast;
using Pipeline.Domain.Podcast.Diarization;
using Pipeline.Infrastructure.Media;
using Pipeline.Infrastructure.Podcast.Pyannote;

namespace Pipeline.Infrastructure.Podcast;

public static class PodcastServiceCollectionExtensions
{
    /// <summary>
    /// Registers the local podcast providers: the deterministic script writer, the exact WAV concatenator, the energy
    /// and pitch diarizer and the nearest-features speaker identifier; speech comes from the media generators
    /// (<see cref="MediaServiceCollectionExtensions.AddPipelineMedia"/>, added here when missing: espeak-ng, else the
    /// built-in synthesizer). Hosted-provider adapters replace a port by registering it first. The hosted diarizer
    /// (pyannoteAI, <see cref="PyannoteDiarizer"/>) is registered too; <c>Pipeline:Diarization:Provider</c> decides
    /// which one a diarization job uses, validated at start.
    /// </summary>
    public static IServiceCollection AddPipelinePodcast(this IServiceCollection services)
    {
        services.AddPipelineMedia();
        services.TryAddSingleton<IPodcastScriptWriter, LocalScriptWriter>();
        services.TryAddSingleton<IAudioConcatenator, WavConcatenator>();
        services.TryAddSingleton<IDiarizer, EnergyPitchDiarizer>();
        services.TryAddSingleton<ISpeakerIdentifier, FeatureSpeakerIdentifier>();
        services.TryAddSingleton<IVoiceMeasurer, EnergyPitchDiarizer>();
        services.AddOptions<DiarizationOptions>()
            .BindConfiguration(DiarizationOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiarizationOptions>, DiarizationSettingsValidator>());
        services.TryAddSingleton<IHostedDiarizer>(provider => new PyannoteDiarizer(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan },
            provider.GetRequiredService<IOptions<DiarizationOptions>>()));
        return services;
    }
}
