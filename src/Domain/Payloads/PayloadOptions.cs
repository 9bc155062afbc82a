using System.ComponentModel.DataAnnotations;

namespace Pipeline.Domain.Payloads;

/// <summary>How durable payloads are kept small (configuration section <see cref="SectionName"/>).</summary>
public sealed class PayloadOptions : IValidatableObject
{
    public const string SectionName = "Pipeline:Payloads";

    public const int DefaultInlineThresholdBytes = 16 * 1024;

    public const long DefaultMaxPayloadBytes = 64L * 1024 * 1024;

    /// <summary>Values whose UTF-8 JSON is larger than this are offloaded to a blob (when offload is enabled).</summary>
    [Range(256, 1024 * 1024)]
    public int InlineThresholdBytes { get; set; } = DefaultInlineThresholdBytes;

    /// <summary>No value may be larger than this, offloaded or not; larger values fail with <see cref="PayloadTooLargeException"/>.</summary>
    [Range(256, 1024L * 1024 * 1024)]
    public long MaxPayloadBytes { get; set; } = DefaultMaxPayloadBytes;

    /// <summary>
    /// Offload large values to blobs. Turn off on Durable Task Scheduler, which externalises large payloads itself;
    /// the size guard (<see cref="MaxPayloadBytes"/>) stays on.
    /// </summary>
    public bool OffloadEnabled { get; set; } = true;

    /// <summary>Total size of recently resolved payloads kept in memory (0 disables the cache).</summary>
    [Range(0, 1024L * 1024 * 1024)]
    public long ResolvedCacheBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>How long one blob read or write of the converter may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StorageTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (InlineThresholdBytes > MaxPayloadBytes)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(InlineThresholdBytes)} ({InlineThresholdBytes}) must not be larger than {SectionName}:{nameof(MaxPayloadBytes)} ({MaxPayloadBytes}).",
                [nameof(InlineThresholdBytes), nameof(MaxPayloadBytes)]);
        }
    }
}
