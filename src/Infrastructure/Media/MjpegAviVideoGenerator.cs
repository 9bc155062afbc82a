using System.Buffers.Binary;
using Pipeline.Domain.Media;
using SkiaSharp;

namespace Pipeline.Infrastructure.Media;

/// <summary>
/// The built-in video fallback when ffmpeg is not installed: a Motion-JPEG AVI. Frames are the starting image slowly
/// zoomed towards a point picked from its hash, rendered and JPEG-encoded with SkiaSharp; the narration's PCM (or
/// silence) is the second stream. Layout: <c>RIFF AVI</c> → <c>LIST hdrl</c> (<c>avih</c>, a <c>strl</c> per stream)
/// → <c>LIST movi</c> with <c>00dc</c>/<c>01wb</c> chunks interleaved frame by frame → <c>idx1</c>. Written to a
/// temporary file (the header is rewritten with the final sizes), streamed from it; deterministic.
/// </summary>
public sealed class MjpegAviVideoGenerator(VideoFormat format) : IVideoGenerator
{
    public const string ProviderName = "mjpeg-avi";
    public const int JpegQuality = 85;
    private const int SilenceSampleRate = 22_050;
    private const uint KeyFrame = 0x10;
    private const int HeaderBytes = 12 + 8 + 4 + (8 + 56) + (8 + 4 + (8 + 56) + (8 + 40)) + (8 + 4 + (8 + 56) + (8 + 18)) + 12;

    public async Task<GeneratedMedia> GenerateVideoAsync(Stream startingImage, Stream? narration, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        VideoInput.Validate(ProviderName, duration);
        using var scratch = new TempDirectory();
        var imageFile = scratch.File("start.img");
        var imageHash = await VideoInput.CopyToFileAsync(startingImage, imageFile, cancellationToken);
        VideoInput.EnsureImage(ProviderName, imageFile);
        using var image = Prepare(imageFile);

        FileStream? audioFile = null;
        PcmWavInfo? audio = null;
        if (narration is not null)
        {
            audioFile = TempMediaFile.Create("wav");
            await narration.CopyToAsync(audioFile, cancellationToken);
            audioFile.Position = 0;
            audio = await PcmWavInfo.ReadAsync(audioFile, cancellationToken)
                ?? throw GenerationException.Permanent(ProviderName, "The narration must be 16-bit PCM WAV for the built-in AVI writer.");
        }

        var output = TempMediaFile.Create("avi");
        try
        {
            await using (audioFile)
            {
                await WriteAsync(output, image, imageHash, audioFile, audio, duration, cancellationToken);
            }

            output.Position = 0;
            return new GeneratedMedia
            {
                Content = output,
                ContentType = "video/x-msvideo",
                Extension = "avi",
                Duration = TimeSpan.FromSeconds((double)format.FrameCount(duration) / format.FramesPerSecond),
            };
        }
        catch
        {
            await output.DisposeAsync();
            throw;
        }
    }

    private async Task WriteAsync(Stream output, SKImage image, byte[] imageHash, Stream? audioFile, PcmWavInfo? audio, TimeSpan duration, CancellationToken cancellationToken)
    {
        var frames = format.FrameCount(duration);
        var stream = new AudioStream(audio?.SampleRate ?? SilenceSampleRate, audio?.Channels ?? 1);
        var totalAudioFrames = (long)Math.Round((double)frames / format.FramesPerSecond * stream.SampleRate);

        await output.WriteAsync(new byte[HeaderBytes], cancellationToken);
        const long moviTypeOffset = HeaderBytes - 4; // idx1 offsets count from the 'movi' fourcc.
        var index = new List<(uint Id, uint Offset, uint Size)>(frames * 2);
        var maxChunk = 0;
        var (panX, panY) = VideoInput.PanTarget(imageHash);

        using var surface = SKSurface.Create(new SKImageInfo(format.Width, format.Height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw GenerationException.Unknown(ProviderName, "SkiaSharp could not create a frame surface.");
        using var paint = new SKPaint { IsAntialias = true };
        var cover = SKRect.Create(image.Width, image.Height);
        var sampling = new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None);
        var audioBuffer = Array.Empty<byte>();
        long audioWritten = 0;

        for (var i = 0; i < frames; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var progress = frames == 1 ? 0 : (double)i / (frames - 1);
            var zoom = 1 + ((VideoInput.FinalZoom - 1) * progress);
            var width = cover.Width / (float)zoom;
            var height = cover.Height / (float)zoom;
            var source = SKRect.Create(
                cover.Left + ((cover.Width - width) * (float)panX),
                cover.Top + ((cover.Height - height) * (float)panY),
                width,
                height);
            surface.Canvas.Clear(SKColors.Black);
            surface.Canvas.DrawImage(image, source, SKRect.Create(format.Width, format.Height), sampling, paint);
            using (var snapshot = surface.Snapshot())
            using (var jpeg = snapshot.Encode(SKEncodedImageFormat.Jpeg, JpegQuality)
                ?? throw GenerationException.Unknown(ProviderName, "SkiaSharp could not encode a JPEG frame."))
            {
                index.Add(("00dc"u8.ToUInt32(), (uint)(output.Position - moviTypeOffset), (uint)jpeg.Size));
                await WriteChunkAsync(output, "00dc"u8.ToUInt32(), jpeg.AsSpan().ToArray(), (int)jpeg.Size, cancellationToken);
                maxChunk = Math.Max(maxChunk, (int)jpeg.Size);
            }

            // This frame's share of the sound, so the streams stay interleaved by time.
            var audioEnd = (long)Math.Round((double)(i + 1) / frames * totalAudioFrames);
            var bytes = (int)((audioEnd - audioWritten) * stream.BlockAlign);
            if (audioBuffer.Length < bytes)
            {
                audioBuffer = new byte[bytes];
            }

            await ReadAudioAsync(audioFile, audio, audioWritten * stream.BlockAlign, audioBuffer.AsMemory(0, bytes), cancellationToken);
            index.Add(("01wb"u8.ToUInt32(), (uint)(output.Position - moviTypeOffset), (uint)bytes));
            await WriteChunkAsync(output, "01wb"u8.ToUInt32(), audioBuffer, bytes, cancellationToken);
            maxChunk = Math.Max(maxChunk, bytes);
            audioWritten = audioEnd;
        }

        var moviEnd = output.Position;
        var idx1 = new byte[8 + (16 * index.Count)];
        "idx1"u8.CopyTo(idx1);
        BinaryPrimitives.WriteInt32LittleEndian(idx1.AsSpan(4), 16 * index.Count);
        for (var e = 0; e < index.Count; e++)
        {
            var entry = idx1.AsSpan(8 + (16 * e));
            BinaryPrimitives.WriteUInt32LittleEndian(entry, index[e].Id);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], KeyFrame);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], index[e].Offset);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], index[e].Size);
        }

        await output.WriteAsync(idx1, cancellationToken);
        var header = BuildHeader(frames, stream, totalAudioFrames, maxChunk, riffSize: output.Position - 8, moviSize: moviEnd - (HeaderBytes - 4));
        output.Position = 0;
        await output.WriteAsync(header, cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    private static async Task ReadAudioAsync(Stream? audioFile, PcmWavInfo? audio, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        destination.Span.Clear();
        if (audioFile is null || audio is null || offset >= audio.DataBytes)
        {
            return;
        }

        var available = (int)Math.Min(destination.Length, audio.DataBytes - offset);
        audioFile.Position = audio.DataOffset + offset;
        await audioFile.ReadAtLeastAsync(destination[..available], available, throwOnEndOfStream: false, cancellationToken);
    }

    private static async Task WriteChunkAsync(Stream output, uint id, byte[] data, int size, CancellationToken cancellationToken)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(header, id);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), size);
        await output.WriteAsync(header, cancellationToken);
        await output.WriteAsync(data.AsMemory(0, size), cancellationToken);
        if ((size & 1) == 1)
        {
            output.WriteByte(0);
        }
    }

    /// <summary>
    /// The starting image decoded once, cropped to the frame's aspect ratio and resampled (with mipmaps, once) to the size
    /// the closest zoom shows at one pixel per pixel, so each frame is a cheap bilinear draw at a scale of at most 1:1.
    /// </summary>
    private SKImage Prepare(string imageFile)
    {
        using var decoded = SKBitmap.Decode(imageFile)
            ?? throw GenerationException.Permanent(ProviderName, "The starting image could not be decoded.");
        using var source = SKImage.FromBitmap(decoded);
        var width = (int)Math.Ceiling(format.Width * VideoInput.FinalZoom);
        var height = (int)Math.Ceiling(format.Height * VideoInput.FinalZoom);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw GenerationException.Unknown(ProviderName, "SkiaSharp could not create a surface.");
        surface.Canvas.DrawImage(source, CoverRect(source.Width, source.Height, format.Width, format.Height), SKRect.Create(width, height),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), null);
        return surface.Snapshot();
    }

    /// <summary>The largest centred part of the image with the frame's aspect ratio.</summary>
    private static SKRect CoverRect(int imageWidth, int imageHeight, int frameWidth, int frameHeight)
    {
        var scale = Math.Min((float)imageWidth / frameWidth, (float)imageHeight / frameHeight);
        var width = frameWidth * scale;
        var height = frameHeight * scale;
        return SKRect.Create((imageWidth - width) / 2, (imageHeight - height) / 2, width, height);
    }

    private byte[] BuildHeader(int frames, AudioStream audio, long audioFrames, int maxChunk, long riffSize, long moviSize)
    {
        var header = new byte[HeaderBytes];
        var w = new ChunkWriter(header);
        w.FourCc("RIFF"); w.U32((uint)riffSize); w.FourCc("AVI ");
        w.FourCc("LIST"); w.U32(HeaderBytes - 12 - 8 - 12); w.FourCc("hdrl");

        w.FourCc("avih"); w.U32(56);
        w.U32((uint)(1_000_000 / format.FramesPerSecond));
        w.U32((uint)((maxChunk + (audio.SampleRate * audio.BlockAlign / format.FramesPerSecond)) * format.FramesPerSecond));
        w.U32(0);
        w.U32(0x10 | 0x100); // AVIF_HASINDEX | AVIF_ISINTERLEAVED
        w.U32((uint)frames);
        w.U32(0);
        w.U32(2);
        w.U32((uint)maxChunk + 8);
        w.U32((uint)format.Width); w.U32((uint)format.Height);
        w.U32(0); w.U32(0); w.U32(0); w.U32(0);

        w.FourCc("LIST"); w.U32(4 + (8 + 56) + (8 + 40)); w.FourCc("strl");
        w.FourCc("strh"); w.U32(56);
        w.FourCc("vids"); w.FourCc("MJPG");
        w.U32(0); w.U16(0); w.U16(0); w.U32(0);
        w.U32(1); w.U32((uint)format.FramesPerSecond); w.U32(0); w.U32((uint)frames);
        w.U32((uint)maxChunk + 8); w.U32(uint.MaxValue); w.U32(0);
        w.U16(0); w.U16(0); w.U16((ushort)format.Width); w.U16((ushort)format.Height);
        w.FourCc("strf"); w.U32(40);
        w.U32(40); w.U32((uint)format.Width); w.U32((uint)format.Height); w.U16(1); w.U16(24);
        w.FourCc("MJPG"); w.U32((uint)(format.Width * format.Height * 3)); w.U32(0); w.U32(0); w.U32(0); w.U32(0);

        w.FourCc("LIST"); w.U32(4 + (8 + 56) + (8 + 18)); w.FourCc("strl");
        w.FourCc("strh"); w.U32(56);
        w.FourCc("auds"); w.U32(0);
        w.U32(0); w.U16(0); w.U16(0); w.U32(0);
        w.U32((uint)audio.BlockAlign); w.U32((uint)(audio.SampleRate * audio.BlockAlign)); w.U32(0); w.U32((uint)audioFrames);
        w.U32((uint)(audio.SampleRate * audio.BlockAlign / format.FramesPerSecond) + 8); w.U32(uint.MaxValue); w.U32((uint)audio.BlockAlign);
        w.U16(0); w.U16(0); w.U16(0); w.U16(0);
        w.FourCc("strf"); w.U32(18);
        w.U16(1); w.U16((ushort)audio.Channels); w.U32((uint)audio.SampleRate); w.U32((uint)(audio.SampleRate * audio.BlockAlign));
        w.U16((ushort)audio.BlockAlign); w.U16(16); w.U16(0);

        w.FourCc("LIST"); w.U32((uint)moviSize); w.FourCc("movi");
        return header;
    }

    private sealed record AudioStream(int SampleRate, int Channels)
    {
        public int BlockAlign => Channels * 2;
    }

    /// <summary>Little-endian fields into a fixed header buffer.</summary>
    private sealed class ChunkWriter(byte[] buffer)
    {
        private int _at;

        public void FourCc(string code)
        {
            for (var i = 0; i < 4; i++)
            {
                buffer[_at + i] = (byte)code[i];
            }

            _at += 4;
        }

        public void U32(uint value)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(_at), value);
            _at += 4;
        }

        public void U16(ushort value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(_at), value);
            _at += 2;
        }
    }
}
