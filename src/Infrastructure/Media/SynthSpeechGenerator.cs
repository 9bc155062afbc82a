using System.Text.RegularExpressions;
using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Media;

/// <summary>
/// The built-in speech fallback when espeak-ng is not installed: a small formant synthesizer. Each syllable is a
/// voiced buzz at the voice's pitch shaped by three vowel formants, preceded by a noise burst, gap or hum for its
/// consonants; words and punctuation add pauses. Not speech a person would mistake for a voice, but a narration track
/// with the right rhythm and a duration proportional to the text. 22,050 Hz mono 16-bit PCM WAV; deterministic.
/// </summary>
public sealed partial class SynthSpeechGenerator : ISpeechGenerator
{
    public const string ProviderName = "synth-speech";
    public const int SampleRate = 22_050;

    // F1, F2, F3 in Hz for the five vowel letters (and y as i).
    private static readonly Dictionary<char, (double F1, double F2, double F3)> Vowels = new()
    {
        ['a'] = (730, 1090, 2440),
        ['e'] = (530, 1840, 2480),
        ['i'] = (300, 2250, 3000),
        ['o'] = (570, 840, 2410),
        ['u'] = (320, 900, 2240),
        ['y'] = (300, 2250, 3000),
    };

    public async Task<GeneratedMedia> SynthesizeAsync(string text, VoiceProfile voice, CancellationToken cancellationToken = default)
    {
        SpeechInput.Validate(ProviderName, text, voice);
        var output = TempMediaFile.Create("wav");
        try
        {
            var writer = new PcmWavWriter(output, SampleRate, 1);
            await writer.BeginAsync(cancellationToken);
            var samples = await RenderAsync(text, voice, writer, cancellationToken);
            await writer.CompleteAsync(cancellationToken);
            return new GeneratedMedia
            {
                Content = output,
                ContentType = "audio/wav",
                Extension = "wav",
                Duration = TimeSpan.FromSeconds((double)samples / SampleRate),
            };
        }
        catch
        {
            await output.DisposeAsync();
            throw;
        }
    }

    /// <summary>The syllables of a word: one per vowel group, each with the consonants before it (at least one per word).</summary>
    internal static IEnumerable<(string Onset, char Vowel)> Syllables(string word)
    {
        var groups = SyllablePattern().Matches(word);
        if (groups.Count == 0)
        {
            yield return (word, 'e');
            yield break;
        }

        foreach (Match group in groups)
        {
            yield return (group.Groups["onset"].Value, group.Groups["vowel"].Value[0]);
        }
    }

    private static async Task<long> RenderAsync(string text, VoiceProfile voice, PcmWavWriter writer, CancellationToken cancellationToken)
    {
        var random = new DeterministicRandom(MediaHash.Seed(ProviderName, text, voice.Name, voice.Pitch.ToString(), voice.SpeedWordsPerMinute.ToString()));
        var basePitch = 85.0 + (voice.Pitch * 1.6);
        // English averages about 1.5 syllables a word.
        var syllableSeconds = 60.0 / (voice.SpeedWordsPerMinute * 1.5);
        var voiceState = new VoiceState(random);
        long written = 0;

        var tokens = TokenPattern().Matches(text.ToLowerInvariant());
        for (var t = 0; t < tokens.Count; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var token = tokens[t].Value;
            if (!char.IsLetterOrDigit(token[0]))
            {
                written += await VoiceState.SilenceAsync(token is "." or "!" or "?" ? 0.45 : 0.25, writer, cancellationToken);
                continue;
            }

            var syllables = Syllables(token).ToList();
            for (var s = 0; s < syllables.Count; s++)
            {
                var (onset, vowel) = syllables[s];
                var stressed = s == 0;
                var pitch = basePitch * (stressed ? 1.08 : 0.97) * (1 + (0.03 * random.NextGaussian()));
                var onsetSeconds = await voiceState.ConsonantsAsync(onset, pitch, writer, cancellationToken);
                written += onsetSeconds.Samples;
                var vowelSeconds = Math.Max(0.06, syllableSeconds - onsetSeconds.Seconds);
                written += await voiceState.VowelAsync(Vowels[vowel], pitch, vowelSeconds, writer, cancellationToken);
            }

            written += await VoiceState.SilenceAsync(syllableSeconds * 0.3, writer, cancellationToken);
        }

        return written;
    }

    [GeneratedRegex(@"(?<onset>[^aeiouy]*)(?<vowel>[aeiouy])[aeiouy]*")]
    private static partial Regex SyllablePattern();

    [GeneratedRegex(@"[\p{L}\p{N}']+|[.,;:!?]")]
    private static partial Regex TokenPattern();

    /// <summary>The synthesizer's running state: the glottal phase and three formant resonators, carried across syllables.</summary>
    private sealed class VoiceState(DeterministicRandom random)
    {
        private const double Gain = 0.3;
        private readonly Resonator[] _formants = [new(500, 80), new(1500, 100), new(2500, 140)];
        private readonly Resonator _hiss = new(4500, 1200);
        private double _phase;

        public static async ValueTask<long> SilenceAsync(double seconds, PcmWavWriter writer, CancellationToken cancellationToken)
        {
            var count = (long)(seconds * SampleRate);
            for (long i = 0; i < count; i++)
            {
                await writer.WriteSampleAsync(0, cancellationToken);
            }

            return count;
        }

        public async ValueTask<(long Samples, double Seconds)> ConsonantsAsync(string onset, double pitch, PcmWavWriter writer, CancellationToken cancellationToken)
        {
            long total = 0;
            foreach (var letter in onset.Where(char.IsLetter))
            {
                total += letter switch
                {
                    's' or 'z' or 'c' or 'x' => await NoiseAsync(4800, 0.07, 0.35, writer, cancellationToken),
                    'f' or 'v' or 'h' => await NoiseAsync(1800, 0.06, 0.2, writer, cancellationToken),
                    'p' or 'b' or 't' or 'd' or 'k' or 'g' or 'q' =>
                        await SilenceAsync(0.03, writer, cancellationToken) + await NoiseAsync(2500, 0.015, 0.4, writer, cancellationToken),
                    _ => await VowelAsync((260, 1200, 2400), pitch, 0.05, writer, cancellationToken, level: 0.5),
                };
            }

            return (total, (double)total / SampleRate);
        }

        public async ValueTask<long> VowelAsync((double F1, double F2, double F3) formants, double pitch, double seconds, PcmWavWriter writer, CancellationToken cancellationToken, double level = 1.0)
        {
            var count = (long)(seconds * SampleRate);
            var attack = Math.Min(count / 3, (long)(0.015 * SampleRate));
            var release = Math.Min(count / 3, (long)(0.03 * SampleRate));
            _formants[0].Retune(formants.F1);
            _formants[1].Retune(formants.F2);
            _formants[2].Retune(formants.F3);
            for (long i = 0; i < count; i++)
            {
                // A falling glide across the syllable, as in speech.
                var f0 = pitch * (1.04 - (0.08 * i / count));
                _phase += f0 / SampleRate;
                _phase -= Math.Floor(_phase);
                var source = (1.0 - (2.0 * _phase)) + (0.02 * (random.NextDouble() - 0.5));
                var sample = _formants[0].Next(source) + (0.6 * _formants[1].Next(source)) + (0.3 * _formants[2].Next(source));
                var envelope = Math.Min(1.0, Math.Min((double)i / Math.Max(1, attack), (double)(count - i) / Math.Max(1, release)));
                await writer.WriteSampleAsync(Math.Tanh(sample * Gain * level * envelope), cancellationToken);
            }

            return count;
        }

        private async ValueTask<long> NoiseAsync(double centre, double seconds, double level, PcmWavWriter writer, CancellationToken cancellationToken)
        {
            _hiss.Retune(centre);
            var count = (long)(seconds * SampleRate);
            for (long i = 0; i < count; i++)
            {
                var envelope = Math.Sin(Math.PI * i / count);
                await writer.WriteSampleAsync(Math.Tanh(_hiss.Next((random.NextDouble() * 2) - 1) * level * envelope * 2), cancellationToken);
            }

            return count;
        }
    }

    /// <summary>A two-pole resonator (a formant filter) with unity gain at its centre frequency.</summary>
    private sealed class Resonator(double frequency, double bandwidth)
    {
        private double _a;
        private double _b;
        private double _c;
        private double _y1;
        private double _y2;
        private bool _tuned;

        public void Retune(double centre)
        {
            var r = Math.Exp(-Math.PI * bandwidth / SampleRate);
            _b = 2 * r * Math.Cos(2 * Math.PI * centre / SampleRate);
            _c = -r * r;
            _a = 1 - _b - _c;
            _tuned = true;
        }

        public double Next(double x)
        {
            if (!_tuned)
            {
                Retune(frequency);
            }

            var y = (_a * x) + (_b * _y1) + (_c * _y2);
            _y2 = _y1;
            _y1 = y;
            return y;
        }
    }
}
