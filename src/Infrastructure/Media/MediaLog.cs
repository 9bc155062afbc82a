using Microsoft.Extensions.Logging;

namespace Pipeline.Infrastructure.Media;

/// <summary>Log messages of the media generators (event ids 4200–4299).</summary>
internal static partial class MediaLog
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Speech generator: {Generator} ({Reason})")]
    public static partial void SpeechGeneratorChosen(ILogger logger, string generator, string reason);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Video generator: {Generator} ({Reason})")]
    public static partial void VideoGeneratorChosen(ILogger logger, string generator, string reason);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning,
        Message = "Media fault injection is on: transient {TransientRate:P1}, permanent {PermanentRate:P1}, latency {Latency}, seed {Seed}")]
    public static partial void FaultInjectionEnabled(ILogger logger, double transientRate, double permanentRate, string latency, int seed);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Debug, Message = "{Tool} exited with {ExitCode} after {ElapsedMs} ms")]
    public static partial void ToolRan(ILogger logger, string tool, int exitCode, long elapsedMs);
}
