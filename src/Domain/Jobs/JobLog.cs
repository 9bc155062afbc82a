using Microsoft.Extensions.Logging;

namespace Pipeline.Domain.Jobs;

/// <summary>Log lines about jobs. "Job {JobId} ended {Status}" is what the failed-jobs alert (infra/bicep) matches.</summary>
internal static partial class JobLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Job {JobId} ended {Status}")]
    public static partial void Ended(ILogger logger, string jobId, JobStatus status);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Job {JobId} failed: {ErrorType}: {ErrorMessage}")]
    public static partial void Failed(ILogger logger, string jobId, string errorType, string errorMessage);
}
