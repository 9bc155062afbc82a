using Microsoft.DurableTask.Client;

namespace Pipeline.Worker.Client;

/// <summary>
/// A start request named an instance id that is already taken by an instance in a status the request does not allow
/// to replace (by default Pending, Running or Suspended). Nothing was created or changed.
/// </summary>
public sealed class OrchestrationInstanceExistsException : InvalidOperationException
{
    public OrchestrationInstanceExistsException()
        : this(string.Empty, OrchestrationRuntimeStatus.Running)
    {
    }

    public OrchestrationInstanceExistsException(string message)
        : base(message)
    {
        InstanceId = string.Empty;
    }

    public OrchestrationInstanceExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
        InstanceId = string.Empty;
    }

    public OrchestrationInstanceExistsException(string instanceId, OrchestrationRuntimeStatus status, Exception? innerException = null)
        : base($"An orchestration instance with id '{instanceId}' already exists with status {status}; it was not replaced.", innerException)
    {
        InstanceId = instanceId;
        Status = status;
    }

    /// <summary>The instance id the start request asked for.</summary>
    public string InstanceId { get; }

    /// <summary>The status of the existing instance when the request was refused.</summary>
    public OrchestrationRuntimeStatus Status { get; }
}
