using System.ComponentModel.DataAnnotations;

namespace Pipeline.Infrastructure.Media.FaultInjection;

/// <summary>Injected latency, bound from <c>Pipeline:Media:FaultInjection:Latency</c>.</summary>
public sealed class FaultLatencyOptions
{
    public LatencyDistribution Distribution { get; set; } = LatencyDistribution.None;

    /// <summary>The delay of <see cref="LatencyDistribution.Fixed"/>.</summary>
    [Range(0, 600_000)]
    public double FixedMilliseconds { get; set; }

    /// <summary>The bounds of <see cref="LatencyDistribution.Uniform"/>.</summary>
    [Range(0, 600_000)]
    public double MinMilliseconds { get; set; }

    [Range(0, 600_000)]
    public double MaxMilliseconds { get; set; }

    /// <summary>μ of <see cref="LatencyDistribution.LogNormal"/> (of the natural log of milliseconds; 6 ≈ 400 ms median).</summary>
    [Range(-10, 13)]
    public double Mu { get; set; }

    /// <summary>σ of <see cref="LatencyDistribution.LogNormal"/>.</summary>
    [Range(0, 5)]
    public double Sigma { get; set; }

    public override string ToString() => Distribution switch
    {
        LatencyDistribution.Fixed => $"fixed {FixedMilliseconds} ms",
        LatencyDistribution.Uniform => $"uniform {MinMilliseconds}–{MaxMilliseconds} ms",
        LatencyDistribution.LogNormal => $"lognormal μ={Mu} σ={Sigma}",
        _ => "none",
    };
}
