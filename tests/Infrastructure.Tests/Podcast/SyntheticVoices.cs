using System.Buffers.Binary;
using Pipeline.Infrastructure.Media;

namespace Pipeline.Infrastructure.Tests.Podcast;

/// <summary>WAV files of buzzing "voices": harmonic tones at a pitch with a slow vibrato and syllable-like pulses, separated by silence.</summary>
internal static class SyntheticVoices
{
    public const int Rate = 16_000;

    /// <summary>Turns of (pitch Hz, seconds), each followed by <paramref name="pauseSeconds"/> of silence.</summary>
    public static byte[] Wav(IEnumerable<(double PitchHz, double Seconds)> turns, double pauseSeconds = 0.5)
    {
        var samples = new List<short>();
        var phase = 0.0;
        foreach (var (pitch, seconds) in turns)
        {
            var count = (int)(seconds * Rate);
            for (var i = 0; i < count; i++)
            {
                var t = (double)i / Rate;
                var f0 = pitch * (1 + (0.03 * Math.Sin(2 * Math.PI * 5 * t)));
                phase += f0 / Rate;
                var buzz = 0.0;
                for (var h = 1; h <= 8; h++)
                {
                    buzz += Math.Sin(2 * Math.PI * h * phase) / h;
                }

                var syllable = 0.55 + (0.45 * Math.Sin(Math.PI * ((t * 4) % 1)));
                samples.Add((short)(buzz * syllable * 6000));
            }

            samples.AddRange(new short[(int)(pauseSeconds * Rate)]);
        }

        var bytes = new byte[PcmWavWriter.HeaderBytes + (samples.Count * 2)];
        PcmWavWriter.WriteHeader(bytes, Rate, 1, samples.Count * 2L);
        for (var i = 0; i < samples.Count; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(PcmWavWriter.HeaderBytes + (2 * i)), samples[i]);
        }

        return bytes;
    }
}
