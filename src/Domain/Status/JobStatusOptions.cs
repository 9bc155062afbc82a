using System.ComponentModel.DataAnnotations;

namespace Pipeline.Domain.Status;

/// <summary>Limits of the job-status entity.</summary>
public sealed class JobStatusOptions
{
    public const string SectionName = "Pipeline:JobStatus";

    public const int DefaultOverflowThresholdBytes = 32 * 1024;

    /// <summary>
    /// Largest serialised state (UTF-8 JSON bytes) the entity keeps; beyond it the oldest steps are sealed into blobs.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int OverflowThresholdBytes { get; set; } = DefaultOverflowThresholdBytes;
}
