namespace Pipeline.Domain.Durable;

/// <summary>Mirrors <c>Microsoft.DurableTask.Client.OrchestrationQuery</c> (the filters Pipeline uses).</summary>
public sealed record OrchestrationQuery(string? InstanceIdPrefix = null, IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null);
