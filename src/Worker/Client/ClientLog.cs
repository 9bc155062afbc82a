using Microsoft.Extensions.Logging;

namespace Pipeline.Worker.Client;

/// <summary>Log messages of the storage client; event ids 3100–3199.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Start of {InstanceId} refused: an instance with status {Status} exists")]
    public static partial void StartRefused(ILogger logger, string instanceId, string status);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Terminating {InstanceId} (status {Status}) to start a new instance with the same id")]
    public static partial void ReplacingActiveInstance(ILogger logger, string instanceId, string status);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Terminating sub-orchestration {ChildInstanceId} of {InstanceId}")]
    public static partial void TerminatingChild(ILogger logger, string instanceId, string childInstanceId);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Purge of {InstanceId} skipped: its status is {Status}, not terminal")]
    public static partial void PurgeSkipped(ILogger logger, string instanceId, string status);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Purged {InstanceId} ({Count} instances with its sub-orchestrations)")]
    public static partial void Purged(ILogger logger, string instanceId, int count);
}
