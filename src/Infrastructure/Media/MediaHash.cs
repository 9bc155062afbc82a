using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Infrastructure.Media;

/// <summary>SHA-256 of a generator's inputs: the only source of variety in the local generators, so equal inputs give equal bytes.</summary>
internal static class MediaHash
{
    /// <summary>The digest of the parts, each length-prefixed so ("ab","c") and ("a","bc") differ.</summary>
    public static byte[] Of(params string[] parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (var part in parts)
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }

        return hash.GetHashAndReset();
    }

    public static ulong Seed(params string[] parts) => BinaryPrimitives.ReadUInt64LittleEndian(Of(parts));

    public static string Hex(params string[] parts) => Convert.ToHexStringLower(Of(parts));
}
