using System.Globalization;
using Microsoft.Extensions.Logging;
using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Media;

/// <summary>
/// Clips from ffmpeg: the starting image, slowly zoomed towards a point picked from its hash (zoompan), with the
/// narration (padded with silence, or silence alone) as the sound track → H.264 + AAC MP4 with faststart. Bit-exact
/// flags and no metadata keep equal inputs producing equal bytes.
/// </summary>
public sealed class FfmpegVideoGenerator : IVideoGenerator
{
    public const string ProviderName = "ffmpeg";

    private readonly ExternalTool _tool;
    private readonly VideoFormat _format;

    public FfmpegVideoGenerator(string executablePath, VideoFormat format, ILogger<FfmpegVideoGenerator> logger)
    {
        _tool = new ExternalTool(ProviderName, executablePath, logger);
        _format = format;
    }

    public async Task<GeneratedMedia> GenerateVideoAsync(Stream startingImage, Stream? narration, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        VideoInput.Validate(ProviderName, duration);
        using var scratch = new TempDirectory();
        var imageFile = scratch.File("start.img");
        var imageHash = await VideoInput.CopyToFileAsync(startingImage, imageFile, cancellationToken);
        VideoInput.EnsureImage(ProviderName, imageFile);
        string? narrationFile = null;
        if (narration is not null)
        {
            narrationFile = scratch.File("narration.audio");
            await VideoInput.CopyToFileAsync(narration, narrationFile, cancellationToken);
        }

        var outputFile = scratch.File("clip.mp4");
        await _tool.RunAsync(Arguments(imageFile, narrationFile, outputFile, imageHash, duration), cancellationToken);

        var handOff = TempMediaFile.NewPath("mp4");
        File.Move(outputFile, handOff);
        return new GeneratedMedia
        {
            Content = TempMediaFile.OpenForHandOff(handOff),
            ContentType = "video/mp4",
            Extension = "mp4",
            Duration = TimeSpan.FromSeconds((double)_format.FrameCount(duration) / _format.FramesPerSecond),
        };
    }

    private List<string> Arguments(string image, string? narration, string output, byte[] imageHash, TimeSpan duration)
    {
        var c = CultureInfo.InvariantCulture;
        var frames = _format.FrameCount(duration);
        var seconds = ((double)frames / _format.FramesPerSecond).ToString("0.###", c);
        var (panX, panY) = VideoInput.PanTarget(imageHash);
        var step = ((VideoInput.FinalZoom - 1) / Math.Max(1, frames - 1)).ToString("0.######", c);
        int w = _format.Width, h = _format.Height;
        var video =
            $"[0:v]scale={2 * w}:{2 * h}:force_original_aspect_ratio=increase,crop={2 * w}:{2 * h}," +
            $"zoompan=z='min(1+{step}*on,{VideoInput.FinalZoom.ToString(c)})'" +
            $":x='(iw-iw/zoom)*{panX.ToString("0.###", c)}':y='(ih-ih/zoom)*{panY.ToString("0.###", c)}'" +
            $":d={frames}:s={w}x{h}:fps={_format.FramesPerSecond},format=yuv420p[v]";
        var audio = "[1:a]aresample=44100,apad[a]";

        var arguments = new List<string> { "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", image };
        if (narration is not null)
        {
            arguments.AddRange(["-i", narration]);
        }
        else
        {
            arguments.AddRange(["-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono"]);
        }

        arguments.AddRange(
        [
            "-filter_complex", $"{video};{audio}",
            "-map", "[v]", "-map", "[a]",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "23",
            "-c:a", "aac", "-b:a", "128k", "-ar", "44100",
            "-t", seconds,
            "-map_metadata", "-1",
            "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
            "-movflags", "+faststart",
            output,
        ]);
        return arguments;
    }
}
