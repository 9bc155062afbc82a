using Pipeline.Domain.Assets;
using Pipeline.Domain.Jobs;

namespace Pipeline.Domain.Status;

/// <summary>Live progress of one stage of a job; the counts are derived from the steps applied to the entity.</summary>
public sealed class StageProgress
{
    public required string Name { get; set; }

    public JobStatus Status { get; set; }

    /// <summary>Assets the stage will produce, as announced when it started; 0 while unknown.</summary>
    public int Total { get; set; }

    public int Succeeded { get; set; }

    /// <summary>Assets whose latest step failed or was skipped.</summary>
    public int Failed { get; set; }

    public int InFlight { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? ErrorSummary { get; set; }

    /// <summary>
    /// The latest status of every asset of this stage that has not succeeded. A succeeded asset is never run again
    /// (it is reused by a retry), so it leaves this index and lives on only in <see cref="Succeeded"/>: the index is
    /// as large as the window plus the failures, not as large as the stage.
    /// </summary>
    public Dictionary<string, AssetStatus> OpenAssets { get; set; } = [];
}
