using Pipeline.Domain.Jobs;

namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>The progress phases of a diarization job as the job record shows them, in order.</summary>
public static class DiarizationPhase
{
    public static JobPhase Diarization { get; } = new(DiarizationStage.Diarization, 10);

    public static JobPhase Identification { get; } = new(DiarizationStage.Identification, 60);

    public static JobPhase Enrichment { get; } = new(DiarizationStage.Enrichment, 80);

    public static JobPhase Completed { get; } = new("completed", 100);

    public static IReadOnlyList<JobPhase> All { get; } = [Diarization, Identification, Enrichment, Completed];
}
