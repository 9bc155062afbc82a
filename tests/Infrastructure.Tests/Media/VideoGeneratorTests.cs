using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Media;
using Pipeline.Infrastructure.Media;

namespace Pipeline.Infrastructure.Tests.Media;

public sealed class VideoGeneratorTests
{
    private static readonly VideoFormat Format = new() { Width = 320, Height = 180, FramesPerSecond = 25 };
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(2);
    private static readonly VoiceProfile Voice = new() { Name = "en-us" };

    [Fact]
    public async Task MjpegAviVideoGenerator_ImageAndNarration_AviWithOneChunkPerFrameAndIndex()
    {
        var (image, narration) = await InputsAsync("a slow zoom over leaves");
        var media = await new MjpegAviVideoGenerator(Format).GenerateVideoAsync(image, narration, Duration);
        Assert.Equal(("video/x-msvideo", "avi"), (media.ContentType, media.Extension));
        Assert.Equal(Duration, media.Duration);

        var avi = MediaFiles.ParseAvi(await MediaFiles.ReadAllAsync(media));

        Assert.Equal(new MediaFiles.Avi(50, 320, 180, 50, 50, 100, 2 * 22_050 * 2, 2), avi);
    }

    [Fact]
    public async Task MjpegAviVideoGenerator_SameInput_IdenticalBytes_DifferentImage_DifferentBytes()
    {
        var generator = new MjpegAviVideoGenerator(Format);
        var (image, narration) = await InputsAsync("a slow zoom over leaves");
        var a = MediaFiles.Sha256(await MediaFiles.ReadAllAsync(await generator.GenerateVideoAsync(image, narration, Duration)));
        (image, narration) = await InputsAsync("a slow zoom over leaves");
        var again = MediaFiles.Sha256(await MediaFiles.ReadAllAsync(await generator.GenerateVideoAsync(image, narration, Duration)));
        (image, narration) = await InputsAsync("a glacier at noon");
        var other = MediaFiles.Sha256(await MediaFiles.ReadAllAsync(await generator.GenerateVideoAsync(image, narration, Duration)));

        Assert.Equal(a, again);
        Assert.NotEqual(a, other);
    }

    [RequiresToolFact("ffprobe")]
    public async Task MjpegAviVideoGenerator_WithoutNarration_FfprobeReadsMjpegAndPcmStreamsAndEveryFrameDecodes()
    {
        var (image, _) = await InputsAsync("a slow zoom over leaves", withNarration: false);
        var bytes = await MediaFiles.ReadAllAsync(await new MjpegAviVideoGenerator(Format).GenerateVideoAsync(image, null, Duration));
        var path = await MediaFiles.WriteTempAsync(bytes, "avi");
        try
        {
            var streams = await MediaFiles.RunAsync("ffprobe", "-v", "error", "-count_frames",
                "-show_entries", "stream=codec_name,width,height,nb_read_frames,sample_rate", "-of", "compact=p=0:nk=0", path);
            Assert.Contains("codec_name=mjpeg|width=320|height=180|nb_read_frames=50", streams, StringComparison.Ordinal);
            Assert.Contains("codec_name=pcm_s16le|sample_rate=22050", streams, StringComparison.Ordinal);

            // A full decode with errors fatal: what a player does.
            await MediaFiles.RunAsync("ffmpeg", "-v", "error", "-xerror", "-i", path, "-f", "null", "-");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task MjpegAviVideoGenerator_NarrationNotWav_ThrowsPermanent()
    {
        var (image, _) = await InputsAsync("a slow zoom over leaves", withNarration: false);
        using var notWav = new MemoryStream(Encoding.ASCII.GetBytes("ID3 not a wav file at all"));

        var error = await Assert.ThrowsAsync<GenerationException>(() => new MjpegAviVideoGenerator(Format).GenerateVideoAsync(image, notWav, Duration));

        Assert.Equal(FailureKind.Permanent, error.Kind);
    }

    [RequiresToolFact("ffmpeg")]
    public async Task FfmpegVideoGenerator_ImageAndNarration_FaststartMp4WithH264AndAac()
    {
        var (image, narration) = await InputsAsync("a slow zoom over leaves");
        var media = await Ffmpeg().GenerateVideoAsync(image, narration, Duration);
        Assert.Equal(("video/mp4", "mp4"), (media.ContentType, media.Extension));
        var mp4 = await MediaFiles.ReadAllAsync(media);

        Assert.Equal("ftyp", MediaFiles.FourCc(mp4, 4));
        var boxes = TopLevelBoxes(mp4);
        Assert.True(boxes.IndexOf("moov") < boxes.IndexOf("mdat"), string.Join(",", boxes));

        var path = await MediaFiles.WriteTempAsync(mp4, "mp4");
        try
        {
            var streams = await MediaFiles.RunAsync("ffprobe", "-v", "error", "-count_frames",
                "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "compact=p=0:nk=0", path);
            Assert.Contains("codec_name=h264|width=320|height=180|nb_read_frames=50", streams, StringComparison.Ordinal);
            Assert.Contains("codec_name=aac", streams, StringComparison.Ordinal);
            var duration = double.Parse(
                (await MediaFiles.RunAsync("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path)).Trim(),
                CultureInfo.InvariantCulture);
            Assert.InRange(duration, 1.98, 2.1);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [RequiresToolFact("ffmpeg")]
    public async Task FfmpegVideoGenerator_SameInput_IdenticalBytes_DifferentImage_DifferentBytes()
    {
        var generator = Ffmpeg();
        var (image, _) = await InputsAsync("a slow zoom over leaves", withNarration: false);
        var a = MediaFiles.Sha256(await MediaFiles.ReadAllAsync(await generator.GenerateVideoAsync(image, null, Duration)));
        image.Position = 0;
        var again = MediaFiles.Sha256(await MediaFiles.ReadAllAsync(await generator.GenerateVideoAsync(image, null, Duration)));
        (image, _) = await InputsAsync("a glacier at noon", withNarration: false);
        var other = MediaFiles.Sha256(await MediaFiles.ReadAllAsync(await generator.GenerateVideoAsync(image, null, Duration)));

        Assert.Equal(a, again);
        Assert.NotEqual(a, other);
    }

    [RequiresToolFact("ffmpeg")]
    public async Task FfmpegVideoGenerator_StartingImageNotAnImage_ThrowsPermanent()
    {
        using var notImage = new MemoryStream(Encoding.ASCII.GetBytes("not an image"));

        var error = await Assert.ThrowsAsync<GenerationException>(() => Ffmpeg().GenerateVideoAsync(notImage, null, Duration));

        Assert.Equal(FailureKind.Permanent, error.Kind);
        Assert.Equal(FfmpegVideoGenerator.ProviderName, error.Provider);
    }

    [Fact]
    public void VideoGeneratorFactory_ExternalToolsOffOrFfmpegMissing_ChoosesTheAviWriter()
    {
        Assert.IsType<MjpegAviVideoGenerator>(VideoGeneratorFactory.Create(new MediaOptions { PreferExternalTools = false }, NullLoggerFactory.Instance, _ => "/bin/ffmpeg"));
        Assert.IsType<MjpegAviVideoGenerator>(VideoGeneratorFactory.Create(new MediaOptions(), NullLoggerFactory.Instance, _ => null));
        Assert.IsType<FfmpegVideoGenerator>(VideoGeneratorFactory.Create(new MediaOptions(), NullLoggerFactory.Instance, _ => "/bin/ffmpeg"));
    }

    private static FfmpegVideoGenerator Ffmpeg() => new(ExternalTool.FindOnPath("ffmpeg")!, Format, NullLogger<FfmpegVideoGenerator>.Instance);

    private static async Task<(MemoryStream Image, MemoryStream? Narration)> InputsAsync(string prompt, bool withNarration = true)
    {
        var image = new MemoryStream(await MediaFiles.ReadAllAsync(await new SkiaImageGenerator().GenerateImageAsync(prompt, 320, 180)));
        var narration = withNarration
            ? new MemoryStream(await MediaFiles.ReadAllAsync(await new SynthSpeechGenerator().SynthesizeAsync("Leaves catch the light.", Voice)))
            : null;
        return (image, narration);
    }

    private static List<string> TopLevelBoxes(byte[] mp4)
    {
        var boxes = new List<string>();
        for (var at = 0; at + 8 <= mp4.Length;)
        {
            var size = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(mp4.AsSpan(at));
            boxes.Add(MediaFiles.FourCc(mp4, at + 4));
            Assert.True(size >= 8);
            at += size;
        }

        return boxes;
    }
}
