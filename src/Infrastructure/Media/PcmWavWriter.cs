using System.Buffers.Binary;

namespace Pipeline.Infrastructure.Media;

/// <summary>
/// Streams 16-bit PCM samples into a canonical 44-byte-header WAV file, buffering one block at a time; the RIFF and
/// data sizes are patched when it completes, so the length need not be known in advance.
/// </summary>
internal sealed class PcmWavWriter
{
    public const int HeaderBytes = 44;
    private const int BlockSamples = 8192;

    private readonly Stream _output;
    private readonly byte[] _block = new byte[BlockSamples * 2];
    private readonly long _start;
    private int _used;
    private long _dataBytes;

    public PcmWavWriter(Stream output, int sampleRate, short channels)
    {
        if (!output.CanSeek)
        {
            throw new ArgumentException("The WAV writer needs a seekable stream to patch its header.", nameof(output));
        }

        _output = output;
        _start = output.Position;
        SampleRate = sampleRate;
        Channels = channels;
    }

    public int SampleRate { get; }

    public short Channels { get; }

    /// <summary>Writes the header with the sizes a file of <paramref name="dataBytes"/> PCM bytes has.</summary>
    public static void WriteHeader(Span<byte> header, int sampleRate, short channels, long dataBytes)
    {
        var blockAlign = (short)(channels * 2);
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(36 + dataBytes));
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(header[22..], channels);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], sampleRate * blockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(header[32..], blockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], (uint)dataBytes);
    }

    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        var header = new byte[HeaderBytes];
        WriteHeader(header, SampleRate, Channels, 0);
        await _output.WriteAsync(header, cancellationToken);
    }

    /// <summary>Appends one sample in [-1, 1] (clipped), interleaved by channel.</summary>
    public ValueTask WriteSampleAsync(double value, CancellationToken cancellationToken)
    {
        var clipped = Math.Clamp(value, -1.0, 1.0);
        BinaryPrimitives.WriteInt16LittleEndian(_block.AsSpan(_used), (short)Math.Round(clipped * short.MaxValue));
        _used += 2;
        return _used == _block.Length ? FlushBlockAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    /// <summary>Flushes the last block and patches the sizes; leaves the stream positioned at the file's start.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushBlockAsync(cancellationToken);
        var header = new byte[HeaderBytes];
        WriteHeader(header, SampleRate, Channels, _dataBytes);
        _output.Position = _start;
        await _output.WriteAsync(header, cancellationToken);
        await _output.FlushAsync(cancellationToken);
        _output.Position = _start;
    }

    private async ValueTask FlushBlockAsync(CancellationToken cancellationToken)
    {
        if (_used == 0)
        {
            return;
        }

        await _output.WriteAsync(_block.AsMemory(0, _used), cancellationToken);
        _dataBytes += _used;
        _used = 0;
    }
}
