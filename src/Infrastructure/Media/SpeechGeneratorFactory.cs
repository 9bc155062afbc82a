using Microsoft.Extensions.Logging;
using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Media;

/// <summary>Chooses the local speech generator once, at start-up, and logs which and why.</summary>
public static class SpeechGeneratorFactory
{
    public static ISpeechGenerator Create(MediaOptions options, ILoggerFactory loggerFactory, Func<string, string?>? findTool = null)
    {
        var logger = loggerFactory.CreateLogger(typeof(SpeechGeneratorFactory));
        if (!options.PreferExternalTools)
        {
            MediaLog.SpeechGeneratorChosen(logger, SynthSpeechGenerator.ProviderName, "external tools are turned off");
            return new SynthSpeechGenerator();
        }

        if ((findTool ?? ExternalTool.FindOnPath)("espeak-ng") is { } espeak)
        {
            MediaLog.SpeechGeneratorChosen(logger, EspeakSpeechGenerator.ProviderName, espeak);
            return new EspeakSpeechGenerator(espeak, options.EspeakVoice, loggerFactory.CreateLogger<EspeakSpeechGenerator>());
        }

        MediaLog.SpeechGeneratorChosen(logger, SynthSpeechGenerator.ProviderName, "espeak-ng is not on PATH");
        return new SynthSpeechGenerator();
    }
}
