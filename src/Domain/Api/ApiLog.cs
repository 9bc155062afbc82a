using Microsoft.Extensions.Logging;

namespace Pipeline.Domain.Api;

internal static partial class ApiLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Job {JobId} of type {JobType} accepted")]
    public static partial void Started(ILogger logger, string jobId, string jobType);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Job {JobId} could not be started")]
    public static partial void StartFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Job {JobId} cancelled; {KeptAssets} finished assets kept")]
    public static partial void Cancelled(ILogger logger, string jobId, int keptAssets);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Job {JobId} retried: {ReusedAssets} assets reused, {RetriedAssets} to run again")]
    public static partial void Retried(ILogger logger, string jobId, int reusedAssets, int retriedAssets);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Job {JobId} purged: {Assets} asset blobs and {Payloads} payloads deleted")]
    public static partial void Purged(ILogger logger, string jobId, int assets, int payloads);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Job {JobId}: the failed start was undone; its record and request are removed")]
    public static partial void StartUndone(ILogger logger, string jobId);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Job {JobId}: the start did not reach the engine and its record is kept Pending; the next identical start finishes it")]
    public static partial void StartLeftPending(ILogger logger, string jobId);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Error, Message = "Job {JobId}: undoing the failed start failed")]
    public static partial void UndoFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "Job {JobId}: the record changed under the start {Attempts} times in a row")]
    public static partial void StartContended(ILogger logger, string jobId, int attempts);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Job {JobId}: the retry could not schedule the job")]
    public static partial void RetryRefused(ILogger logger, string jobId, Exception exception);
}
