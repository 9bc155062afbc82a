using Microsoft.Extensions.Logging;

namespace Pipeline.Runtime;

internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Instance {InstanceId} ({Name}) ended {Status}")]
    public static partial void InstanceEnded(ILogger logger, string instanceId, string name, string status);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Instance {InstanceId} failed: {ErrorType}: {ErrorMessage}")]
    public static partial void InstanceFailed(ILogger logger, string instanceId, string errorType, string errorMessage);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Activity {ActivityName} of {InstanceId} failed: {ErrorMessage}")]
    public static partial void ActivityFailed(ILogger logger, string activityName, string instanceId, string errorMessage);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Entity operation {Operation} on {EntityId} failed: {ErrorMessage}")]
    public static partial void EntityOperationFailed(ILogger logger, string operation, string entityId, string errorMessage);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Resumed {Instances} instances and {Messages} pending messages")]
    public static partial void Resumed(ILogger logger, int instances, int messages);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Critical, Message = "The durable runtime's dispatcher stopped on an error")]
    public static partial void DispatcherFailed(ILogger logger, Exception exception);
}
