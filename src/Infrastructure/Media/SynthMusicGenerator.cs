using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Media;

/// <summary>
/// Background music without a model: a four-chord progression in a key, mode and tempo picked from the prompt's SHA-256,
/// played as a soft pad with a bass line and a plucked arpeggio, faded in and out. 44,100 Hz mono 16-bit PCM WAV of
/// exactly the requested duration (to the sample); deterministic.
/// </summary>
public sealed class SynthMusicGenerator : IMusicGenerator
{
    public const string ProviderName = "synth-music";
    public const int SampleRate = 44_100;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(30);

    // Progressions as scale degrees (0-based) of the chord roots.
    private static readonly int[][] Progressions =
    [
        [0, 4, 5, 3], // I–V–vi–IV
        [0, 5, 3, 4], // I–vi–IV–V
        [5, 3, 0, 4], // vi–IV–I–V
        [0, 3, 4, 3], // I–IV–V–IV
        [1, 4, 0, 0], // ii–V–I–I
        [0, 6, 5, 4], // i–VII–VI–V (natural minor reads as the Andalusian cadence)
    ];

    private static readonly int[] Major = [0, 2, 4, 5, 7, 9, 11];
    private static readonly int[] Minor = [0, 2, 3, 5, 7, 8, 10];

    public async Task<GeneratedMedia> ComposeAsync(string prompt, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw GenerationException.Permanent(ProviderName, "The music prompt is empty.");
        }

        if (duration <= TimeSpan.Zero || duration > MaxDuration)
        {
            throw GenerationException.Permanent(ProviderName, $"A duration of {duration} is outside (0, {MaxDuration}].");
        }

        var output = TempMediaFile.Create("wav");
        try
        {
            var writer = new PcmWavWriter(output, SampleRate, 1);
            await writer.BeginAsync(cancellationToken);
            var total = (long)Math.Round(duration.TotalSeconds * SampleRate);
            await RenderAsync(prompt, total, writer, cancellationToken);
            await writer.CompleteAsync(cancellationToken);
            return new GeneratedMedia
            {
                Content = output,
                ContentType = "audio/wav",
                Extension = "wav",
                Duration = TimeSpan.FromSeconds((double)total / SampleRate),
            };
        }
        catch
        {
            await output.DisposeAsync();
            throw;
        }
    }

    private static async Task RenderAsync(string prompt, long total, PcmWavWriter writer, CancellationToken cancellationToken)
    {
        var random = new DeterministicRandom(MediaHash.Seed(ProviderName, prompt));
        var key = 45 + random.Next(12); // A2..G#3 as the bass register's tonic (MIDI note).
        var scale = random.NextDouble() < 0.5 ? Major : Minor;
        var progression = random.Pick(Progressions);
        var beatsPerMinute = 60 + random.Next(41);
        var barSamples = (long)(4 * 60.0 / beatsPerMinute * SampleRate);
        var arpeggioSteps = 8;
        var stepSamples = barSamples / arpeggioSteps;
        var arpeggioOrder = Enumerable.Range(0, arpeggioSteps).Select(_ => random.Next(4)).ToArray();
        var fade = Math.Min(total / 4, SampleRate * 2L);
        var detune = random.NextDouble(0.5, 2.0);

        var phases = new double[8];
        var padFrequencies = new double[3];
        double bassFrequency = 0;
        var arpeggioFrequencies = new double[4];
        var currentBar = -1;
        for (long n = 0; n < total; n++)
        {
            if ((n & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var bar = (int)(n / barSamples % progression.Length);
            if (bar != currentBar)
            {
                currentBar = bar;
                var degree = progression[bar];
                for (var v = 0; v < 4; v++)
                {
                    var note = Note(key, scale, degree + (v == 3 ? 7 : 2 * v));
                    arpeggioFrequencies[v] = Frequency(note + 24);
                    if (v < 3)
                    {
                        padFrequencies[v] = Frequency(note + 12);
                    }
                }

                bassFrequency = Frequency(Note(key, scale, degree));
            }

            // Pad: the triad an octave up, each voice a sine with a slightly detuned twin.
            double pad = 0;
            for (var v = 0; v < 3; v++)
            {
                pad += Oscillate(ref phases[v], padFrequencies[v]);
                pad += 0.5 * Oscillate(ref phases[v + 3], padFrequencies[v] + detune);
            }

            var inBar = n % barSamples;
            var barEnvelope = Math.Min(1.0, inBar / (0.1 * SampleRate)) * (1.0 - (0.3 * inBar / barSamples));
            var bass = Oscillate(ref phases[6], bassFrequency) * barEnvelope;

            var step = (int)(inBar / stepSamples);
            var inStep = (inBar % stepSamples) / (double)SampleRate;
            var pluck = Oscillate(ref phases[7], arpeggioFrequencies[arpeggioOrder[Math.Min(step, arpeggioSteps - 1)]]) * Math.Exp(-6.0 * inStep);

            var master = Math.Min(1.0, Math.Min((double)n / Math.Max(1, fade), (double)(total - n) / Math.Max(1, fade)));
            var sample = ((0.09 * pad * barEnvelope) + (0.3 * bass) + (0.18 * pluck)) * master;
            await writer.WriteSampleAsync(sample, cancellationToken);
        }
    }

    private static int Note(int key, int[] scale, int degree) => key + scale[degree % 7] + (12 * (degree / 7));

    private static double Frequency(int midiNote) => 440.0 * Math.Pow(2, (midiNote - 69) / 12.0);

    private static double Oscillate(ref double phase, double frequency)
    {
        phase += frequency / SampleRate;
        phase -= Math.Floor(phase);
        return Math.Sin(2 * Math.PI * phase);
    }
}
