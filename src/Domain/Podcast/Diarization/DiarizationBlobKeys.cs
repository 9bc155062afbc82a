using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>Where each diarization stage stores its result.</summary>
public static class DiarizationBlobKeys
{
    public static string Segments(string jobId) => BlobKey.ForAsset(jobId, DiarizationStage.Diarization, "segments", "json");

    public static string Speakers(string jobId) => BlobKey.ForAsset(jobId, DiarizationStage.Identification, "speakers", "json");

    public static string Transcript(string jobId) => BlobKey.ForAsset(jobId, DiarizationStage.Enrichment, "transcript", "json");
}
