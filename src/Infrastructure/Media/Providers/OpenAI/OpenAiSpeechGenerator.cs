// OPENAI001: the clients' AuthenticationPolicy constructors (the only way to send Azure's api-key header or an Entra
// token) and the image usage are marked evaluation-only in OpenAI 2.15.
#pragma warning disable OPENAI001
using OpenAI.Audio;
using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Media.Providers.OpenAI;

/// <summary>
/// Speech from an OpenAI speech model (<c>POST audio/speech</c>, <c>response_format: wav</c>). The voice is the job's
/// when it names one of the provider's voices, otherwise <c>Voice</c> from settings (default <c>alloy</c>); the job's
/// speaking rate becomes the speed ratio (160 words per minute is 1.0). Pitch has no counterpart and is not sent.
/// </summary>
public sealed class OpenAiSpeechGenerator : ISpeechGenerator
{
    public const string DefaultModel = "tts-1";
    public const string DefaultVoice = "alloy";
    public const int MaxCharacters = 4096;

    private static readonly HashSet<string> ProviderVoices = new(StringComparer.OrdinalIgnoreCase)
    {
        "alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer", "verse", "marin", "cedar",
    };

    private readonly OpenAiConnection _connection;
    private readonly AudioClient _client;

    public OpenAiSpeechGenerator(OpenAiConnection connection)
    {
        _connection = connection;
        _client = new AudioClient(connection.Model, connection.Authentication, connection.ClientOptions());
    }

    public async Task<GeneratedMedia> SynthesizeAsync(string text, VoiceProfile voice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(voice);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw GenerationException.Permanent(Provider, "The narration text is empty.");
        }

        if (text.Length > MaxCharacters)
        {
            throw GenerationException.Permanent(Provider, $"The narration text has {text.Length} characters; the provider speaks at most {MaxCharacters} at once.");
        }

        if (voice.Problem is { } problem)
        {
            throw GenerationException.Permanent(Provider, problem);
        }

        var options = new SpeechGenerationOptions
        {
            ResponseFormat = GeneratedSpeechFormat.Wav,
            SpeedRatio = Math.Clamp(voice.SpeedWordsPerMinute / 160f, 0.25f, 4f),
        };
        var result = await OpenAiFailures.CallAsync(
            _connection, "speech", token => _client.GenerateSpeechAsync(text, new GeneratedSpeechVoice(VoiceFor(voice)), options, token), cancellationToken);
        var bytes = result.Value.ToArray();
        var wav = new MemoryStream(bytes, writable: false);
        var info = await PcmWavInfo.ReadAsync(wav, cancellationToken);
        if (info is null || info.DataBytes < info.BlockAlign || CutOff(bytes))
        {
            await wav.DisposeAsync();
            throw GenerationException.Unknown(Provider, "The provider's answer is not a 16-bit PCM WAV with audio in it.");
        }

        wav.Position = 0;
        return new GeneratedMedia
        {
            Content = wav,
            ContentType = "audio/wav",
            Extension = "wav",
            Duration = info.Duration,
            Usage = new MediaUsage
            {
                Provider = _connection.ProviderName,
                Model = _connection.Model,
                Characters = text.Length,
                AudioSeconds = Math.Round(info.Duration.TotalSeconds, 3),
            },
        };
    }

    /// <summary>True when the RIFF header names more bytes than arrived (a streamed header's 0 or 0xFFFFFFFF names none).</summary>
    private static bool CutOff(byte[] wav)
    {
        var riff = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(4, 4));
        return riff is not (0 or uint.MaxValue) && riff + 8L > wav.Length;
    }

    /// <summary>The voice sent: the job's when the provider has it, else the configured one.</summary>
    public string VoiceFor(VoiceProfile voice)
    {
        ArgumentNullException.ThrowIfNull(voice);
        return ProviderVoices.Contains(voice.Name) ? voice.Name.ToLowerInvariant() : _connection.Settings.Voice ?? DefaultVoice;
    }

    private string Provider => $"{_connection.ProviderName}-speech";
}
