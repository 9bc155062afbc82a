using Microsoft.Extensions.Logging;

namespace Pipeline.Functions.Http;

internal static partial class HttpLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "{Method} {Path} refused by the server with {Status}: {Reason}")]
    public static partial void RequestRejected(ILogger logger, string method, string path, int status, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "{Method} {Path} failed (trace id {TraceId})")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string path, string traceId);
}
