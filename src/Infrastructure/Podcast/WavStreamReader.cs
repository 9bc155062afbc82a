using System.Buffers.Binary;

namespace Pipeline.Infrastructure.Podcast;

/// <summary>
/// Reads a 16-bit PCM WAV front to back without seeking (blob streams need not be seekable): the chunk headers up to
/// the data chunk, then the samples. A data size of 0 or 0xFFFFFFFF (a streamed writer's placeholder) reads to the end.
/// </summary>
internal static class WavStreamReader
{
    /// <summary>Reads up to the first sample; null when the stream is not 16-bit PCM WAV.</summary>
    public static async Task<WavFormat?> ReadHeaderAsync(Stream wav, CancellationToken cancellationToken)
    {
        var header = new byte[12];
        if (await wav.ReadAtLeastAsync(header, 12, throwOnEndOfStream: false, cancellationToken) < 12
            || !header.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !header.AsSpan(8, 4).SequenceEqual("WAVE"u8))
        {
            return null;
        }

        int? rate = null;
        short channels = 0, bits = 0;
        var chunk = new byte[8];
        while (await wav.ReadAtLeastAsync(chunk, 8, throwOnEndOfStream: false, cancellationToken) == 8)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4));
            if (chunk.AsSpan(0, 4).SequenceEqual("data"u8))
            {
                return rate is null || bits != 16 || channels < 1
                    ? null
                    : new WavFormat(rate.Value, channels, size is 0 or uint.MaxValue ? null : size);
            }

            var body = new byte[size + (size & 1)];
            if (await wav.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancellationToken) < size)
            {
                return null;
            }

            if (chunk.AsSpan(0, 4).SequenceEqual("fmt "u8))
            {
                if (size < 16 || BinaryPrimitives.ReadInt16LittleEndian(body) != 1)
                {
                    return null;
                }

                channels = BinaryPrimitives.ReadInt16LittleEndian(body.AsSpan(2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(4));
                bits = BinaryPrimitives.ReadInt16LittleEndian(body.AsSpan(14));
            }
        }

        return null;
    }

    /// <summary>
    /// Reads the samples after <see cref="ReadHeaderAsync"/>, mixed to mono in [-1, 1], in blocks; calls
    /// <paramref name="onBlock"/> for each. Returns the number of sample frames read.
    /// </summary>
    public static async Task<long> ReadMonoAsync(Stream wav, WavFormat format, Action<ReadOnlySpan<float>> onBlock, CancellationToken cancellationToken)
    {
        var frameBytes = format.BlockAlign;
        var buffer = new byte[frameBytes * 8192];
        var mono = new float[8192];
        var remaining = format.DataBytes ?? long.MaxValue;
        var carry = 0;
        long frames = 0;
        while (remaining > 0)
        {
            var want = (int)Math.Min(buffer.Length - carry, remaining);
            var read = await wav.ReadAsync(buffer.AsMemory(carry, want), cancellationToken);
            if (read == 0)
            {
                break;
            }

            remaining -= read;
            var available = carry + read;
            var count = available / frameBytes;
            for (var i = 0; i < count; i++)
            {
                var sum = 0;
                for (var c = 0; c < format.Channels; c++)
                {
                    sum += BinaryPrimitives.ReadInt16LittleEndian(buffer.AsSpan((i * frameBytes) + (c * 2)));
                }

                mono[i] = sum / (32768f * format.Channels);
            }

            onBlock(mono.AsSpan(0, count));
            frames += count;
            carry = available - (count * frameBytes);
            if (carry > 0)
            {
                buffer.AsSpan(count * frameBytes, carry).CopyTo(buffer);
            }
        }

        return frames;
    }
}
