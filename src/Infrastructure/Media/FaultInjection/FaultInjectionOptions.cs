using System.ComponentModel.DataAnnotations;

namespace Pipeline.Infrastructure.Media.FaultInjection;

/// <summary>
/// Failures and latency injected around every media port, bound from <c>Pipeline:Media:FaultInjection</c>. Each
/// decision is a function of (seed, port, call key, attempt), so a run with the same seed fails the same calls.
/// </summary>
public sealed class FaultInjectionOptions : IValidatableObject
{
    public bool Enabled { get; set; }

    public int Seed { get; set; } = 1;

    /// <summary>The share of calls that throw a transient <see cref="Domain.Media.GenerationException"/>.</summary>
    [Range(0.0, 1.0)]
    public double TransientRate { get; set; }

    /// <summary>The share of calls that throw a permanent <see cref="Domain.Media.GenerationException"/>.</summary>
    [Range(0.0, 1.0)]
    public double PermanentRate { get; set; }

    public FaultLatencyOptions Latency { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        const string section = "Pipeline:Media:FaultInjection";
        if (TransientRate + PermanentRate > 1.0)
        {
            yield return new ValidationResult(
                $"{section}:TransientRate + {section}:PermanentRate must not exceed 1.",
                [nameof(TransientRate), nameof(PermanentRate)]);
        }

        var latency = new List<ValidationResult>();
        Validator.TryValidateObject(Latency, new ValidationContext(Latency), latency, validateAllProperties: true);
        foreach (var result in latency)
        {
            yield return new ValidationResult($"{section}:Latency: {result.ErrorMessage}", result.MemberNames.Select(m => $"{nameof(Latency)}.{m}"));
        }

        if (Latency.Distribution == LatencyDistribution.Uniform && Latency.MaxMilliseconds < Latency.MinMilliseconds)
        {
            yield return new ValidationResult($"{section}:Latency:MaxMilliseconds must be at least MinMilliseconds.", [nameof(Latency)]);
        }
    }
}
