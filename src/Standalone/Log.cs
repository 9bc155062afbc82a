using Microsoft.Extensions.Logging;

namespace Pipeline.Standalone;

internal static partial class Log
{
    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Request to {Path} refused: missing or wrong API key")]
    public static partial void Unauthorized(ILogger logger, string path);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Job {JobId}: {Method} {Route} answered {Status}")]
    public static partial void Answered(ILogger logger, string jobId, string method, string route, int status);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "{Method} {Path} refused by the server with {Status}: {Reason}")]
    public static partial void RequestRejected(ILogger logger, string method, string path, int status, string reason);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "{Method} {Path} failed (trace id {TraceId})")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string path, string traceId);
}
