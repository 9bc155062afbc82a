using System.Buffers.Binary;

namespace Pipeline.Infrastructure.Media;

/// <summary>RIFF chunk ids as the little-endian integers they are on disk.</summary>
internal static class FourCcExtensions
{
    public static uint ToUInt32(this ReadOnlySpan<byte> fourCc) => BinaryPrimitives.ReadUInt32LittleEndian(fourCc);
}
