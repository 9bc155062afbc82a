using System.Security.Cryptography;
using Pipeline.Domain.Media;
using SkiaSharp;

namespace Pipeline.Infrastructure.Media;

/// <summary>Checks and helpers shared by the video generators.</summary>
internal static class VideoInput
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);

    public static void Validate(string provider, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero || duration > MaxDuration)
        {
            throw GenerationException.Permanent(provider, $"A clip of {duration} is outside (0, {MaxDuration}].");
        }
    }

    /// <summary>Copies a stream to a file, returning the SHA-256 of what was copied (it seeds the pan direction).</summary>
    public static async Task<byte[]> CopyToFileAsync(Stream source, string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>Refuses (permanently) a starting image no decoder recognises, before any tool runs.</summary>
    public static void EnsureImage(string provider, string path)
    {
        using var codec = SKCodec.Create(path);
        if (codec is null || codec.Info.Width < 1 || codec.Info.Height < 1)
        {
            throw GenerationException.Permanent(provider, "The starting image is not an image format that can be decoded (PNG, JPEG, WebP, GIF, BMP).");
        }
    }

    /// <summary>Where the slow zoom heads: a point in [0.3, 0.7]² of the image, from its hash.</summary>
    public static (double X, double Y) PanTarget(byte[] imageHash)
        => (0.3 + (0.4 * imageHash[0] / 255.0), 0.3 + (0.4 * imageHash[1] / 255.0));

    /// <summary>The zoom reached at the end of a clip.</summary>
    public const double FinalZoom = 1.25;
}
