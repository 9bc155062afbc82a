using System.Buffers.Binary;

namespace Pipeline.Infrastructure.Media;

/// <summary>The format and data location of a PCM WAV file, read from its chunks (not assuming a 44-byte header).</summary>
internal sealed record PcmWavInfo
{
    public required int SampleRate { get; init; }

    public required short Channels { get; init; }

    public required short BitsPerSample { get; init; }

    /// <summary>Offset of the first sample byte from the start of the stream as given.</summary>
    public required long DataOffset { get; init; }

    public required long DataBytes { get; init; }

    public int BlockAlign => Channels * BitsPerSample / 8;

    public TimeSpan Duration => TimeSpan.FromSeconds((double)(DataBytes / BlockAlign) / SampleRate);

    /// <summary>Reads the chunk headers of a seekable WAV stream; null when it is not 16-bit PCM WAV.</summary>
    public static async Task<PcmWavInfo?> ReadAsync(Stream wav, CancellationToken cancellationToken)
    {
        var start = wav.Position;
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
            var id = chunk.AsSpan(0, 4);
            if (id.SequenceEqual("fmt "u8))
            {
                var fmt = new byte[Math.Max(16, (int)size)];
                await wav.ReadExactlyAsync(fmt.AsMemory(0, (int)size), cancellationToken);
                if (BinaryPrimitives.ReadInt16LittleEndian(fmt) != 1)
                {
                    return null;
                }

                channels = BinaryPrimitives.ReadInt16LittleEndian(fmt.AsSpan(2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(fmt.AsSpan(4));
                bits = BinaryPrimitives.ReadInt16LittleEndian(fmt.AsSpan(14));
                wav.Position += size & 1;
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (rate is null || bits != 16 || channels < 1)
                {
                    return null;
                }

                var offset = wav.Position - start;
                var available = wav.Length - wav.Position;
                return new PcmWavInfo
                {
                    SampleRate = rate.Value,
                    Channels = channels,
                    BitsPerSample = bits,
                    DataOffset = offset,
                    // Streamed writers put 0 or 0xFFFFFFFF here; the file's length is the truth then.
                    DataBytes = size == 0 || size > available ? available : size,
                };
            }
            else
            {
                wav.Position += size + (size & 1);
            }
        }

        return null;
    }
}
