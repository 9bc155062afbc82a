using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Pipeline.Infrastructure.Tests.Storage;

/// <summary>
/// A non-seekable stream of deterministic pseudo-random bytes, generated as it is read (a 200 MiB body costs no
/// 200 MiB of memory). It hashes what it hands out, so <see cref="Sha256"/> is the expected digest once read to the
/// end. With <c>failAfter</c> it throws once that many bytes were read, like a producer dying mid-upload.
/// </summary>
public sealed class GeneratedStream(long length, ulong seed = 0x9E3779B97F4A7C15, long failAfter = -1) : Stream
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private ulong state = seed | 1;
    private long position;
    private string? sha256;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("The length of a generated stream is unknown to its reader.");

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The SHA-256 (lower-case hex) of every byte read; available once the stream was read to its end.</summary>
    public string Sha256 => sha256 ?? throw new InvalidOperationException("The stream has not been read to its end.");

    /// <summary>The digest of a generated body without keeping it.</summary>
    public static string Sha256Of(long length, ulong seed = 0x9E3779B97F4A7C15)
    {
        using var stream = new GeneratedStream(length, seed);
        stream.CopyTo(Stream.Null, 1024 * 1024);
        return stream.Sha256;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (failAfter >= 0 && position >= failAfter)
        {
            throw new IOException($"The generated source failed after {position} bytes.");
        }

        var count = (int)Math.Min(buffer.Length, length - position);
        if (failAfter >= 0)
        {
            count = (int)Math.Min(count, failAfter - position);
        }

        if (count <= 0)
        {
            sha256 ??= Convert.ToHexStringLower(hash.GetHashAndReset());
            return 0;
        }

        var target = buffer[..count];
        var words = MemoryMarshal.Cast<byte, ulong>(target);
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = Next();
        }

        for (var i = words.Length * sizeof(ulong); i < count; i++)
        {
            target[i] = (byte)Next();
        }

        hash.AppendData(target);
        position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private ulong Next()
    {
        // xorshift64*: fast, deterministic, and no two nearby blocks alike.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545F4914F6CDD1DUL;
    }
}
