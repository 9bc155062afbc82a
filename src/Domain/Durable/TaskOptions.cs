namespace Pipeline.Domain.Durable;

/// <summary>Options for an activity or sub-orchestration call; mirrors <c>Microsoft.DurableTask.TaskOptions</c>.</summary>
public record TaskOptions(RetryPolicy? Retry = null);

/// <summary>Options for a sub-orchestration call: adds the child's instance id.</summary>
public record SubOrchestrationOptions(string? InstanceId = null, RetryPolicy? Retry = null) : TaskOptions(Retry);
