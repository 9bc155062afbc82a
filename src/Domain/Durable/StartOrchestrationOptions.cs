namespace Pipeline.Domain.Durable;

/// <summary>Mirrors <c>Microsoft.DurableTask.StartOrchestrationOptions</c>.</summary>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null);
