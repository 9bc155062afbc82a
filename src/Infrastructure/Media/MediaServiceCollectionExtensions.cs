using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Media;
using Pipeline.Infrastructure.Media.FaultInjection;
using Pipeline.Infrastructure.Media.Providers;
using Pipeline.Infrastructure.Media.Providers.OpenAI;

namespace Pipeline.Infrastructure.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>
    /// Registers the local media ports (prompt writer, Skia images, espeak-ng or synthesized speech, synthesized music,
    /// ffmpeg or Motion-JPEG video) from <c>Pipeline:Media</c>, validated at start (a key no setting binds is refused),
    /// each wrapped in fault injection when <c>Pipeline:Media:FaultInjection:Enabled</c> is true. Images, speech and prompts
    /// come from a hosted model instead when <c>Pipeline:Media:{Images|Speech|Prompts}:Provider</c> is <c>OpenAI</c> or
    /// <c>AzureOpenAI</c>; a port registered before this call is kept.
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
            Wrap(provider, PromptWriter(MediaOptionsOf(provider)), (inner, faults) => new FaultInjectingPromptWriter(inner, faults)));
        services.TryAddSingleton<IImageGenerator>(provider =>
            Wrap(provider, ImageGenerator(MediaOptionsOf(provider)), (inner, faults) => new FaultInjectingImageGenerator(inner, faults)));
        services.TryAddSingleton<IMusicGenerator>(provider =>
            Wrap<IMusicGenerator>(provider, new SynthMusicGenerator(), (inner, faults) => new FaultInjectingMusicGenerator(inner, faults)));
        services.TryAddSingleton<ISpeechGenerator>(provider => Wrap(
            provider,
            SpeechGenerator(MediaOptionsOf(provider), provider.GetRequiredService<ILoggerFactory>()),
            (inner, faults) => new FaultInjectingSpeechGenerator(inner, faults)));
        services.TryAddSingleton<IVideoGenerator>(provider => Wrap(
            provider,
            VideoGeneratorFactory.Create(MediaOptionsOf(provider), provider.GetRequiredService<ILoggerFactory>()),
            (inner, faults) => new FaultInjectingVideoGenerator(inner, faults)));
        services.AddHostedService<MediaGeneratorsInitializer>();
        return services;
    }

    private static IPromptWriter PromptWriter(MediaOptions options) => options.Prompts.Kind == GeneratorProvider.Local
        ? new LocalPromptWriter()
        : new OpenAiPromptWriter(OpenAiConnection.Create($"{MediaOptions.Section}:{nameof(MediaOptions.Prompts)}", options.Prompts, OpenAiPromptWriter.DefaultModel));

    private static IImageGenerator ImageGenerator(MediaOptions options) => options.Images.Kind == GeneratorProvider.Local
        ? new SkiaImageGenerator()
        : new OpenAiImageGenerator(OpenAiConnection.Create($"{MediaOptions.Section}:{nameof(MediaOptions.Images)}", options.Images, OpenAiImageGenerator.DefaultModel));

    private static ISpeechGenerator SpeechGenerator(MediaOptions options, ILoggerFactory loggerFactory) => options.Speech.Kind == GeneratorProvider.Local
        ? SpeechGeneratorFactory.Create(options, loggerFactory)
        : new OpenAiSpeechGenerator(OpenAiConnection.Create($"{MediaOptions.Section}:{nameof(MediaOptions.Speech)}", options.Speech, OpenAiSpeechGenerator.DefaultModel));

    private static MediaOptions MediaOptionsOf(IServiceProvider provider) => provider.GetRequiredService<IOptions<MediaOptions>>().Value;

    private static T Wrap<T>(IServiceProvider provider, T inner, Func<T, FaultInjector, T> decorate)
    {
        return MediaOptionsOf(provider).FaultInjection.Enabled ? decorate(inner, provider.GetRequiredService<FaultInjector>()) : inner;
    }
}
