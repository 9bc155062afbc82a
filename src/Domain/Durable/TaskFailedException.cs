namespace Pipeline.Domain.Durable;

/// <summary>
/// Thrown into a workflow when an activity or sub-orchestration failed; mirrors
/// <c>Microsoft.DurableTask.TaskFailedException</c>.
/// </summary>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}")
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    public TaskFailedException()
        : this("unknown", -1, new TaskFailureDetails(typeof(Exception).FullName!, "unknown failure"))
    {
    }

    public TaskFailedException(string message)
        : this("unknown", -1, new TaskFailureDetails(typeof(Exception).FullName!, message))
    {
    }

    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        TaskName = "unknown";
        TaskId = -1;
        FailureDetails = TaskFailureDetails.FromException(innerException);
    }

    public string TaskName { get; }

    public int TaskId { get; }

    public TaskFailureDetails FailureDetails { get; }
}
