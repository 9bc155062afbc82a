using Microsoft.DurableTask;
using Microsoft.Client;
using Microsoft.Entities;
using Port = Pipeline.Domain.Durable;

namespace Pipeline.Functions.Adapters;

/// <summary>
/// Conversions between Pipeline's durable port types (<c>Pipeline.Domain.Durable</c>) and the Durable Task SDK's
/// (<c>Microsoft.DurableTask</c>). One line each; every decision they carry (which failure is retried, how a failure
/// becomes an asset outcome) lives in Domain.
/// </summary>
internal static class DurableTaskMapping
{
    /// <summary>Options for an activity or sub-orchestration call; a sub-orchestration keeps its instance id.</summary>
    public static TaskOptions? ToDurableTask(this Port.TaskOptions? options) => options switch
    {
        null => null,
        Port.SubOrchestrationOptions sub => new SubOrchestrationOptions(sub.Retry?.ToDurableTask(), sub.InstanceId),
        _ => new TaskOptions(options.Retry?.ToDurableTask()),
    };

    /// <summary>
    /// The same backoff; the failure predicate is Domain's (a permanent failure is never retried). The SDK consults it
    /// with the failure details of each failed attempt before it schedules the next one.
    /// </summary>
    public static TaskRetryOptions ToDurableTask(this Port.RetryPolicy policy)
        => new RetryPolicy(policy.MaxNumberOfAttempts, policy.FirstRetryInterval, policy.BackoffCoefficient, policy.MaxRetryInterval, policy.RetryTimeout)
        {
            HandleTaskFailureDetails = failure => policy.HandleFailure?.Invoke(failure.ToDomain()) ?? true,
        };

    public static Port.TaskFailureDetails ToDomain(this TaskFailureDetails failure)
        => new(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, failure.InnerFailure?.ToDomain());

    public static Port.TaskFailedException ToDomain(this TaskFailedException exception)
        => new(exception.TaskName, exception.TaskId, exception.FailureDetails.ToDomain());

    /// <summary>
    /// Awaits a task the real context created and rethrows its failure as Domain's <see cref="Port.TaskFailedException"/>,
    /// the type workflow code catches. Plain <c>await</c>: the continuation stays on the orchestration's thread.
    /// </summary>
    public static async Task<T> Translate<T>(Task<T> task)
    {
        try
        {
            return await task;
        }
        catch (TaskFailedException failed)
        {
            throw failed.ToDomain();
        }
    }

    /// <inheritdoc cref="Translate{T}(Task{T})"/>
    public static async Task Translate(Task task)
    {
        try
        {
            await task;
        }
        catch (TaskFailedException failed)
        {
            throw failed.ToDomain();
        }
    }

    public static EntityInstanceId ToDurableTask(this Port.EntityInstanceId id) => new(id.Name, id.Key);

    public static Port.EntityInstanceId ToDomain(this EntityInstanceId id) => new(id.Name, id.Key);

    public static StartOrchestrationOptions? ToDurableTask(this Port.StartOrchestrationOptions? options)
        => options is null ? null : new(options.InstanceId, options.StartAt);

    public static PurgeInstanceOptions? ToDurableTask(this Port.PurgeInstanceOptions? options)
        => options is null ? null : new(options.Recursive);

    public static Port.PurgeResult ToDomain(this PurgeResult result) => new(result.PurgedInstanceCount);

    public static OrchestrationQuery? ToDurableTask(this Port.OrchestrationQuery? query)
        => query is null ? null : new(InstanceIdPrefix: query.InstanceIdPrefix, Statuses: query.Statuses?.Select(s => (OrchestrationRuntimeStatus)(int)s).ToList());

    /// <summary>What the client read of an instance; the serialized values are read back with the same converter.</summary>
    public static Port.OrchestrationMetadata ToDomain(this OrchestrationMetadata metadata, Port.IPayloadConverter converter)
        => new(metadata.Name, metadata.InstanceId)
        {
            RuntimeStatus = (Port.OrchestrationRuntimeStatus)(int)metadata.RuntimeStatus,
            CreatedAt = metadata.CreatedAt,
            LastUpdatedAt = metadata.LastUpdatedAt,
            SerializedInput = metadata.SerializedInput,
            SerializedOutput = metadata.SerializedOutput,
            SerializedCustomStatus = metadata.SerializedCustomStatus,
            FailureDetails = metadata.FailureDetails?.ToDomain(),
            Converter = converter,
        };
}
