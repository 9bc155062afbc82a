using Microsoft.Extensions.Logging;

namespace Pipeline.Worker;

/// <summary>The engine's log messages, with fixed event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Durable Task engine starting on task hub {TaskHubName}: {OrchestratorCount} orchestrators, {ActivityCount} activities, {EntityCount} entities")]
    public static partial void EngineStarting(ILogger logger, string taskHubName, int orchestratorCount, int activityCount, int entityCount);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Durable Task engine started on task hub {TaskHubName} in {ElapsedMilliseconds} ms")]
    public static partial void EngineStarted(ILogger logger, string taskHubName, long elapsedMilliseconds);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Durable Task engine stopping on task hub {TaskHubName}")]
    public static partial void EngineStopping(ILogger logger, string taskHubName);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Durable Task engine stopped on task hub {TaskHubName} in {ElapsedMilliseconds} ms")]
    public static partial void EngineStopped(ILogger logger, string taskHubName, long elapsedMilliseconds);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "No {Kind} named {Name} is registered; the work item fails")]
    public static partial void UnknownTask(ILogger logger, string kind, string name);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "Storage emulator already listening on ports {BlobPort}/{QueuePort}/{TablePort}")]
    public static partial void StorageEmulatorAlreadyRunning(ILogger logger, int blobPort, int queuePort, int tablePort);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "Started Azurite on ports {BlobPort}/{QueuePort}/{TablePort} with data in {DataDirectory}")]
    public static partial void StorageEmulatorStarted(ILogger logger, int blobPort, int queuePort, int tablePort, string dataDirectory);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Information, Message = "Azurite is not installed; running npm ci in {RepositoryRoot}")]
    public static partial void InstallingStorageEmulator(ILogger logger, string repositoryRoot);
}
