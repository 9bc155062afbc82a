namespace Pipeline.Domain.Workflows;

/// <summary>
/// A stage's assets and how to run them: at most <see cref="Window"/> activities in flight; above
/// <see cref="ChunkSize"/> assets the work splits into child orchestrations of at most that many.
/// </summary>
public sealed record FanOutRequest
{
    public required string JobId { get; init; }

    public required string Stage { get; init; }

    /// <summary>The activity that produces one asset (returns an <see cref="Assets.AssetOutcome"/>).</summary>
    public required string Activity { get; init; }

    public required IReadOnlyList<AssetTask> Tasks { get; init; }

    public int Window { get; init; } = 16;

    public int ChunkSize { get; init; } = 100;

    /// <summary>Children kept in flight when the work splits; they share <see cref="Window"/>.</summary>
    public int ChildrenInFlight { get; init; } = 4;

    public AssetRetryOptions Retry { get; init; } = new();

    /// <summary>
    /// Completions within this much workflow time of the previous status report wait and go with the next one (see
    /// <see cref="StepReport"/>); zero reports every completion batch on its own. Custom status follows every batch.
    /// </summary>
    public TimeSpan ReportInterval { get; init; } = DefaultReportInterval;

    public static TimeSpan DefaultReportInterval { get; } = TimeSpan.FromSeconds(1);

    /// <summary>The stage's size as users see it, reused assets included; the number of tasks when null.</summary>
    public int? StageTotal { get; init; }

    /// <summary>False in child orchestrations: the parent reports the stage's start and end.</summary>
    public bool ReportsStage { get; init; } = true;
}
