namespace Pipeline.Domain.Payloads;

/// <summary>
/// A write-only stream that keeps what is written while it fits under a limit, then only counts. Lets the size guard
/// report a value's exact size without holding an absurdly large value in memory.
/// </summary>
internal sealed class LimitedBufferStream(long limit) : Stream
{
    private byte[]? buffer = new byte[256];
    private long length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => length;

    public override long Position
    {
        get => length;
        set => throw new NotSupportedException();
    }

    /// <summary>The bytes written; only available while <see cref="Length"/> is within the limit.</summary>
    public ReadOnlyMemory<byte> GetWrittenMemory()
        => buffer is null
            ? throw new InvalidOperationException("The written bytes exceeded the limit and were not kept.")
            : buffer.AsMemory(0, (int)length);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var start = length;
        length += buffer.Length;
        if (this.buffer is null)
        {
            return;
        }

        if (length > limit || length > Array.MaxLength)
        {
            // Over the limit: stop keeping bytes, keep counting so the error can name the exact size.
            this.buffer = null;
            return;
        }

        if (length > this.buffer.Length)
        {
            var grown = (int)Math.Min(Math.Max(length, (long)this.buffer.Length * 2), Math.Min(limit, Array.MaxLength));
            Array.Resize(ref this.buffer, grown);
        }

        buffer.CopyTo(this.buffer.AsSpan((int)start));
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
