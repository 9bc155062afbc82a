using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Podcast;
using Pipeline.Domain.Podcast.Diarization;
using Pipeline.Infrastructure.Media;
using Pipeline.Infrastructure.Media.Providers;
using Pipeline.Infrastructure.Media.Providers.OpenAI;
using Pipeline.Infrastructure.Podcast.Pyannote;

namespace Pipeline.Infrastructure.Podcast;

public static class PodcastServiceCollectionExtensions
{
    /// <summary>
    /// Registers the local podcast providers: the deterministic script writer, the exact WAV concatenator, the energy
    /// and pitch diarizer and the nearest-features speaker identifier; speech comes from the media generators
    /// (<see cref="MediaServiceCollectionExtensions.AddPipelineMedia"/>, added here when missing: espeak-ng, else the
    /// built-in synthesizer). The script writer is the hosted chat model instead when <c>Pipeline:Media:Scripts:Provider</c>
    /// is <c>OpenAI</c> or <c>AzureOpenAI</c> (one registration, chosen from the settings when first resolved). Hosted-provider
    /// adapters replace a port by registering it first. The hosted diarizer
    /// (pyannoteAI, <see cref="PyannoteDiarizer"/>) is registered too; <c>Pipeline:Diarization:Provider</c> decides
    /// which one a diarization job uses, validated at start.
    /// </summary>
    public static IServiceCollection AddPipelinePodcast(this IServiceCollection services)
    {
        services.AddPipelineMedia();
        services.TryAddSingleton<IPodcastScriptWriter>(ScriptWriter);
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

    /// <summary>The local writer, or the hosted one when <c>Pipeline:Media:Scripts:Provider</c> is <c>OpenAI</c> or <c>AzureOpenAI</c>.</summary>
    private static IPodcastScriptWriter ScriptWriter(IServiceProvider provider)
    {
        var scripts = provider.GetRequiredService<IOptions<MediaOptions>>().Value.Scripts;
        return scripts.Kind == GeneratorProvider.Local
            ? new LocalScriptWriter()
            : new OpenAiPodcastScriptWriter(OpenAiConnection.Create($"{MediaOptions.Section}:{nameof(MediaOptions.Scripts)}", scripts, OpenAiPodcastScriptWriter.DefaultModel));
    }
}
