using Microsoft.Extensions.Logging;

namespace Pipeline.Standalone;

internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Durable runtime started on {DatabasePath}; unfinished jobs resume")]
    public static partial void RuntimeStarted(ILogger logger, string databasePath);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Durable runtime stopping: no new work, running activities finish")]
    public static partial void RuntimeStopping(ILogger logger);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Request to {Path} refused: missing or wrong API key")]
    public static partial void Unauthorized(ILogger logger, string path);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Job {JobId}: {Method} {Route} answered {Status}")]
    public static partial void Answered(ILogger logger, string jobId, string method, string route, int status);
}
