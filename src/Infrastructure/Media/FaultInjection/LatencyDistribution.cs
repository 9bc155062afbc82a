namespace Pipeline.Infrastructure.Media.FaultInjection;

/// <summary>How injected latency is drawn for each call.</summary>
public enum LatencyDistribution
{
    None,
    Fixed,
    Uniform,

    /// <summary>exp(μ + σ·Z) milliseconds, Z standard normal: a long right tail like real provider latency.</summary>
    LogNormal,
}
