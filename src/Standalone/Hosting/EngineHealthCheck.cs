using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pipeline.Worker;

namespace Pipeline.Standalone.Hosting;

/// <summary>Healthy while the Durable Task engine is dispatching on its task hub; unhealthy before it started or after it stopped.</summary>
public sealed class EngineHealthCheck(DurableTaskEngine engine) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Task.FromResult(engine.IsRunning
            ? HealthCheckResult.Healthy($"The Durable Task engine is dispatching on task hub {engine.Options.TaskHubName}.")
            : HealthCheckResult.Unhealthy($"The Durable Task engine is not running on task hub {engine.Options.TaskHubName}."));
}
