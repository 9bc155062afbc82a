using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Media;
using Pipeline.Infrastructure.Media.FaultInjection;

namespace Pipeline.Infrastructure.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>
    /// Registers the local media ports (prompt writer, Skia images, espeak-ng or synthesized speech, synthesized music,
    /// ffmpeg or Motion-JPEG video) from <c>Pipeline:Media</c>, validated at start (a key no setting binds is refused),
    /// each wrapped in fault injection when <c>Pipeline:Media:FaultInjection:Enabled</c> is true. Hosted-provider adapters
    /// replace a port by registering it first.
    /// </summary>
    public static IServiceCollection AddPipelineMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>()
            .BindConfiguration(MediaOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MediaOptions>, MediaSettingsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider =>
        {
            var faults = MediaOptionsOf(provider).FaultInjection;
            MediaLog.FaultInjectionEnabled(provider.GetRequiredService<ILoggerFactory>().CreateLogger<FaultInjector>(),
                faults.TransientRate, faults.PermanentRate, faults.Latency.ToString(), faults.Seed);
            return new FaultInjector(Options.Create(faults), provider.GetRequiredService<TimeProvider>());
        });

        services.TryAddSingleton<IPromptWriter>(provider =>
            Wrap<IPromptWriter>(provider, new LocalPromptWriter(), (inner, faults) => new FaultInjectingPromptWriter(inner, faults)));
        services.TryAddSingleton<IImageGenerator>(provider =>
            Wrap<IImageGenerator>(provider, new SkiaImageGenerator(), (inner, faults) => new FaultInjectingImageGenerator(inner, faults)));
        services.TryAddSingleton<IMusicGenerator>(provider =>
            Wrap<IMusicGenerator>(provider, new SynthMusicGenerator(), (inner, faults) => new FaultInjectingMusicGenerator(inner, faults)));
        services.TryAddSingleton<ISpeechGenerator>(provider => Wrap(
            provider,
            SpeechGeneratorFactory.Create(MediaOptionsOf(provider), provider.GetRequiredService<ILoggerFactory>()),
            (inner, faults) => new FaultInjectingSpeechGenerator(inner, faults)));
        services.TryAddSingleton<IVideoGenerator>(provider => Wrap(
            provider,
            VideoGeneratorFactory.Create(MediaOptionsOf(provider), provider.GetRequiredService<ILoggerFactory>()),
            (inner, faults) => new FaultInjectingVideoGenerator(inner, faults)));
        services.AddHostedService<MediaGeneratorsInitializer>();
        return services;
    }

    private static MediaOptions MediaOptionsOf(IServiceProvider provider) => provider.GetRequiredService<IOptions<MediaOptions>>().Value;

    private static T Wrap<T>(IServiceProvider provider, T inner, Func<T, FaultInjector, T> decorate)
    {
        return MediaOptionsOf(provider).FaultInjection.Enabled ? decorate(inner, provider.GetRequiredService<FaultInjector>()) : inner;
    }
}
