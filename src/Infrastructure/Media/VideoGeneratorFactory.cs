using Microsoft.Extensions.Logging;
using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Media;

/// <summary>Chooses the local video generator once, at start-up, and logs which and why.</summary>
public static class VideoGeneratorFactory
{
    public static IVideoGenerator Create(MediaOptions options, ILoggerFactory loggerFactory, Func<string, string?>? findTool = null)
    {
        var logger = loggerFactory.CreateLogger(typeof(VideoGeneratorFactory));
        if (!options.PreferExternalTools)
        {
            MediaLog.VideoGeneratorChosen(logger, MjpegAviVideoGenerator.ProviderName, "external tools are turned off");
            return new MjpegAviVideoGenerator(options.VideoFormat);
        }

        if ((findTool ?? ExternalTool.FindOnPath)("ffmpeg") is { } ffmpeg)
        {
            MediaLog.VideoGeneratorChosen(logger, FfmpegVideoGenerator.ProviderName, ffmpeg);
            return new FfmpegVideoGenerator(ffmpeg, options.VideoFormat, loggerFactory.CreateLogger<FfmpegVideoGenerator>());
        }

        MediaLog.VideoGeneratorChosen(logger, MjpegAviVideoGenerator.ProviderName, "ffmpeg is not on PATH");
        return new MjpegAviVideoGenerator(options.VideoFormat);
    }
}
