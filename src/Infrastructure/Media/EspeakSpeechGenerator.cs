using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Media;

/// <summary>
/// Speech from espeak-ng: <c>espeak-ng -v {voice} -p {pitch} -s {speed} -w out.wav -f text.txt</c>, the text passed in a
/// file (never on a command line), the WAV (22,050 Hz mono 16-bit) streamed from a temporary file removed on dispose.
/// </summary>
public sealed class EspeakSpeechGenerator : ISpeechGenerator
{
    public const string ProviderName = "espeak-ng";

    private readonly ExternalTool _tool;
    private readonly string _espeakVoice;

    /// <param name="executablePath">The espeak-ng binary.</param>
    /// <param name="espeakVoice">The espeak-ng voice (<c>en-us</c>); a profile's name is a provider voice name and is not passed on.</param>
    public EspeakSpeechGenerator(string executablePath, string espeakVoice, ILogger<EspeakSpeechGenerator> logger)
    {
        _tool = new ExternalTool(ProviderName, executablePath, logger);
        _espeakVoice = espeakVoice;
    }

    public async Task<GeneratedMedia> SynthesizeAsync(string text, VoiceProfile voice, CancellationToken cancellationToken = default)
    {
        SpeechInput.Validate(ProviderName, text, voice);
        using var scratch = new TempDirectory();
        var textFile = scratch.File("text.txt");
        var wavFile = scratch.File("speech.wav");
        await File.WriteAllTextAsync(textFile, text, new UTF8Encoding(false), cancellationToken);
        await _tool.RunAsync(
            [
                "-v", _espeakVoice,
                "-p", voice.Pitch.ToString(CultureInfo.InvariantCulture),
                "-s", voice.SpeedWordsPerMinute.ToString(CultureInfo.InvariantCulture),
                "-w", wavFile,
                "-f", textFile,
            ],
            cancellationToken);

        if (!File.Exists(wavFile))
        {
            throw GenerationException.Unknown(ProviderName, "espeak-ng exited without writing its WAV file.");
        }

        // Move it out of the scratch directory, which is removed when this method returns.
        var handOff = TempMediaFile.NewPath("wav");
        File.Move(wavFile, handOff);
        var output = TempMediaFile.OpenForHandOff(handOff);
        try
        {
            var info = await PcmWavInfo.ReadAsync(output, cancellationToken)
                ?? throw GenerationException.Unknown(ProviderName, "espeak-ng wrote a file that is not 16-bit PCM WAV.");
            output.Position = 0;
            return new GeneratedMedia { Content = output, ContentType = "audio/wav", Extension = "wav", Duration = info.Duration };
        }
        catch
        {
            await output.DisposeAsync();
            throw;
        }
    }
}
