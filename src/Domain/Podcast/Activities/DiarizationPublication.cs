namespace Pipeline.Domain.Podcast.Activities;

/// <summary>Input of <see cref="PublishDiarizationActivity"/>: the three stages' summaries.</summary>
public sealed record DiarizationPublication
{
    public required string JobId { get; init; }

    public required DiarizationSummary Diarization { get; init; }

    public required IdentificationSummary Identification { get; init; }

    public required EnrichmentSummary Enrichment { get; init; }

    public required DateTimeOffset At { get; init; }
}
