using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Jobs;

namespace Pipeline.Domain.Jobs;

/// <summary>What a job record says about a workflow that failed: the failing task's error type and message.</summary>
public static class WorkflowFailure
{
    /// <summary>The record update of a job whose workflow failed: the innermost error a person can act on.</summary>
    public static JobFailure For(string jobId, string jobType, Exception exception, TaskOrchestrationContext context)
    {
        var error = ToJobError(exception);
        return new JobFailure(jobId, jobType, error.Type, error.Message, Now(context));
    }

    public static JobError ToJobError(Exception exception) => exception switch
    {
        TaskFailedException failed => new JobError
        {
            Type = Assets.ErrorCodes.Of(Innermost(failed.FailureDetails).ErrorType),
            Message = $"{failed.TaskName} failed: {Innermost(failed.FailureDetails).ErrorMessage}",
        },
        _ => new JobError { Type = Assets.ErrorCodes.Of(exception.GetType().FullName), Message = exception.Message },
    };

    /// <summary>Workflow time as an offset (the context's time is UTC whatever its kind says).</summary>
    public static DateTimeOffset Now(TaskOrchestrationContext context) => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    private static TaskFailureDetails Innermost(TaskFailureDetails details)
    {
        // A sub-orchestration failure wraps the activity's; the activity's is the one a person can act on.
        while (details.InnerFailure is { } inner && string.Equals(details.ErrorType, typeof(TaskFailedException).FullName, StringComparison.Ordinal))
        {
            details = inner;
        }

        return details;
    }
}
