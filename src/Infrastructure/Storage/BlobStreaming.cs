using System.Buffers;
using System.Security.Cryptography;

namespace Pipeline.Infrastructure.Storage;

/// <summary>Shared pieces of the stores' streaming writes.</summary>
internal static class BlobStreaming
{
    /// <summary>Fills <paramref name="buffer"/> as far as the stream allows; a short count means the stream ended.</summary>
    public static async Task<int> FillAsync(Stream source, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await source.ReadAsync(buffer[filled..], cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> through one pooled buffer, hashing as it goes.</summary>
    public static async Task<(long Length, string Sha256)> CopyHashingAsync(Stream source, Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        try
        {
            long length = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, bufferSize), cancellationToken)) > 0)
            {
                // Hash this chunk while the write of the same chunk is in flight.
                var write = destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                hash.AppendData(buffer, 0, read);
                await write;
                length += read;
            }

            return (length, ToHex(hash.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static string ToHex(ReadOnlySpan<byte> digest) => Convert.ToHexStringLower(digest);

    /// <summary>An opaque continuation token for stores that continue after the last key returned.</summary>
    public static string EncodeToken(string lastKey) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(lastKey));

    public static string DecodeToken(string token)
    {
        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException exception)
        {
            throw new ArgumentException("The continuation token is not one this store returned.", nameof(token), exception);
        }
    }
}
