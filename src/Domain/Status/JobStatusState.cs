using Pipeline.Domain.Jobs;

namespace Pipeline.Domain.Status;

/// <summary>
/// The state of a job's status entity: what users see of the job, its stages, and the recent tail of the
/// execution-step log. Older steps live in sealed blob segments referenced by <see cref="Segments"/>; read the whole
/// log with <see cref="StepLogReader"/>. Serialised as camelCase JSON by the host.
/// </summary>
public sealed class JobStatusState
{
    public string? JobId { get; set; }

    public string? JobType { get; set; }

    public JobStatus Status { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The time carried by the latest operation that changed the state.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }

    public List<StageProgress> Stages { get; set; } = [];

    /// <summary>The newest steps, in the order they were applied, after every sealed segment.</summary>
    public List<StepRecord> Steps { get; set; } = [];

    /// <summary>Sealed older parts of the log, oldest first.</summary>
    public List<StepSegmentRef> Segments { get; set; } = [];

    /// <summary>Steps in the whole log (segments and tail).</summary>
    public long StepCount { get; set; }

    /// <summary>The highest sequence number applied, per sender: a step at or below it is a redelivery and is ignored.</summary>
    public Dictionary<string, long> HighestSequenceBySource { get; set; } = [];

    /// <summary>The highest sequence number applied from any sender.</summary>
    public long HighestSequence { get; set; }

    /// <summary>Number of the next segment blob. Never decreases, so a key is never reused for different content.</summary>
    public int NextSegmentNumber { get; set; } = 1;

    public JobError? Error { get; set; }
}
