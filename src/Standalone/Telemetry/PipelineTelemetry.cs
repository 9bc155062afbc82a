using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pipeline.Standalone.Telemetry;

/// <summary>
/// Pipeline's traces and metrics: a span per activity execution, its duration, how many executions were retries and
/// failures by kind (transient, permanent, unknown). Exported by OpenTelemetry when <c>Pipeline:Telemetry</c> says so.
/// </summary>
public sealed class PipelineTelemetry : IDisposable
{
    public const string Name = "Pipeline";

    private readonly Meter _meter;

    public PipelineTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        ActivityDuration = _meter.CreateHistogram<double>("pipeline.activity.duration", "s", "How long one activity execution took.");
        Executions = _meter.CreateCounter<long>("pipeline.activity.executions", description: "Activity executions, retries included.");
        Retries = _meter.CreateCounter<long>("pipeline.activity.retries", description: "Executions of an activity with an input this process had already run: retries and re-runs after a restart.");
        Failures = _meter.CreateCounter<long>("pipeline.activity.failures", description: "Activity executions that failed, by failure kind.");
    }

    public static ActivitySource Source { get; } = new(Name);

    public Histogram<double> ActivityDuration { get; }

    public Counter<long> Executions { get; }

    public Counter<long> Retries { get; }

    public Counter<long> Failures { get; }

    public void Dispose() => _meter.Dispose();
}
