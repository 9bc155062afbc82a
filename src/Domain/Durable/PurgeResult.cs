namespace Pipeline.Domain.Durable;

/// <summary>Mirrors <c>Microsoft.DurableTask.Client.PurgeResult</c>.</summary>
public sealed record PurgeResult(int PurgedInstanceCount);
