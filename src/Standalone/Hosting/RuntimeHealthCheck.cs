using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Pipeline.Standalone.Hosting;

/// <summary>Unhealthy when the durable runtime's dispatcher stopped on an error (for example, its store failed).</summary>
public sealed class RuntimeHealthCheck(RuntimeHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Task.FromResult(host.Runtime.Fault is { } fault
            ? HealthCheckResult.Unhealthy($"The durable runtime stopped: {fault.GetType().Name}.")
            : HealthCheckResult.Healthy("The durable runtime is dispatching."));
}
