using System.Globalization;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Media.FaultInjection;

/// <summary>
/// The one place fault injection is decided and applied; the per-port decorators only name the port and the call key.
/// A decision depends on (seed, port, call key, attempt) alone. The attempt is the running activity's
/// (<see cref="ActivityAttempt.Current"/>), which the orchestration numbers and passes in the activity's input — durable
/// state, not this process's memory — so a rerun with the same seed makes the same calls fail, a retried call can
/// succeed, and after a restart, or on another host, the same attempt gets the same decision and the message names it.
/// A call outside any activity attempt counts as attempt 1. Latency is awaited on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class FaultInjector(IOptions<FaultInjectionOptions> options, TimeProvider timeProvider)
{
    public const string ProviderName = "fault-injection";

    public FaultInjectionOptions Options => options.Value;

    /// <summary>The decision for one call: a pure function of the options and its arguments.</summary>
    public FaultDecision Decide(string port, string callKey, int attempt)
    {
        var o = options.Value;
        var random = new DeterministicRandom(MediaHash.Seed(
            ProviderName, o.Seed.ToString(CultureInfo.InvariantCulture), port, callKey, attempt.ToString(CultureInfo.InvariantCulture)));
        var roll = random.NextDouble();
        FailureKind? fault = roll < o.TransientRate ? FailureKind.Transient
            : roll < o.TransientRate + o.PermanentRate ? FailureKind.Permanent
            : null;
        var l = o.Latency;
        var milliseconds = l.Distribution switch
        {
            LatencyDistribution.Fixed => l.FixedMilliseconds,
            LatencyDistribution.Uniform => random.NextDouble(l.MinMilliseconds, l.MaxMilliseconds),
            LatencyDistribution.LogNormal => Math.Min(600_000, Math.Exp(l.Mu + (l.Sigma * random.NextGaussian()))),
            _ => 0,
        };
        return new FaultDecision { Latency = TimeSpan.FromMilliseconds(milliseconds), Fault = fault };
    }

    /// <summary>Waits the injected latency, then throws the injected fault, if any, for the current activity attempt.</summary>
    public async Task BeforeCallAsync(string port, string callKey, CancellationToken cancellationToken)
    {
        var attempt = ActivityAttempt.Current ?? 1;
        var decision = Decide(port, callKey, attempt);
        if (decision.Latency > TimeSpan.Zero)
        {
            await Task.Delay(decision.Latency, timeProvider, cancellationToken);
        }

        if (decision.Fault is { } kind)
        {
            throw new GenerationException(kind, ProviderName,
                $"Injected {kind.ToString().ToLowerInvariant()} failure of {port} (seed {options.Value.Seed}, attempt {attempt}).");
        }
    }

    /// <summary>A call key from the call's arguments (their SHA-256).</summary>
    public static string Key(params string[] parts) => MediaHash.Hex(parts)[..32];
}
