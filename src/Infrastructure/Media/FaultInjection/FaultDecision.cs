using Pipeline.Domain.Assets;

namespace Pipeline.Infrastructure.Media.FaultInjection;

/// <summary>What the injector does to one call: wait <see cref="Latency"/>, then fail with <see cref="Fault"/> or pass.</summary>
public sealed record FaultDecision
{
    public required TimeSpan Latency { get; init; }

    /// <summary>Transient or Permanent; null lets the call through.</summary>
    public FailureKind? Fault { get; init; }
}
