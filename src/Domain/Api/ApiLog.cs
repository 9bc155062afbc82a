using Microsoft.Extensions.Logging;

namespace Pipeline.Domain.Api;

internal static partial class ApiLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Job {JobId} of type {JobType} accepted")]
    public static partial void Started(ILogger logger, string jobId, string jobType);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Job {JobId} could not be scheduled; its record was removed")]
    public static partial void StartFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Job {JobId} cancelled; {KeptAssets} finished assets kept")]
    public static partial void Cancelled(ILogger logger, string jobId, int keptAssets);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Job {JobId} retried: {ReusedAssets} assets reused, {RetriedAssets} to run again")]
    public static partial void Retried(ILogger logger, string jobId, int reusedAssets, int retriedAssets);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Job {JobId} purged: {Assets} asset blobs and {Payloads} payloads deleted")]
    public static partial void Purged(ILogger logger, string jobId, int assets, int payloads);
}
