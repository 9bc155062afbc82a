using Pipeline.Infrastructure.Podcast;

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
        if (await WavStreamReader.ReadHeaderAsync(wav, cancellationToken) is not { } format)
        {
            return null;
        }

        var available = wav.Length - wav.Position;
        return new PcmWavInfo
        {
            SampleRate = format.SampleRate,
            Channels = format.Channels,
            BitsPerSample = 16,
            DataOffset = wav.Position - start,
            // Streamed writers put 0 or 0xFFFFFFFF here; the file's length is the truth then.
            DataBytes = format.DataBytes is { } size && size <= available ? size : available,
        };
    }
}
