namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>The stages of a diarization job, in order; also the blob key segments of their results.</summary>
public static class DiarizationStage
{
    public const string Diarization = "diarization";
    public const string Identification = "identification";
    public const string Enrichment = "enrichment";
}
