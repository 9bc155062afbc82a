namespace Pipeline.Domain.Durable;

/// <summary>Mirrors <c>Microsoft.DurableTask.Client.PurgeInstanceOptions</c>: <see cref="Recursive"/> also purges sub-orchestrations.</summary>
public sealed record PurgeInstanceOptions(bool Recursive = false);
