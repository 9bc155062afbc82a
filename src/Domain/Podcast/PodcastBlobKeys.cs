using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Podcast;

/// <summary>Where each stage of a podcast episode stores its result: deterministic keys, so a retry rewrites the same blob.</summary>
public static class PodcastBlobKeys
{
    public static string Outline(string jobId) => BlobKey.ForAsset(jobId, PodcastStage.Outline, "outline", "json");

    public static string Script(string jobId) => BlobKey.ForAsset(jobId, PodcastStage.Script, "script", "json");

    public static string SegmentId(int index) => $"segment-{index:D4}";

    public static string Segment(string jobId, int index) => BlobKey.ForAsset(jobId, PodcastStage.Audio, SegmentId(index), "wav");

    public static string Episode(string jobId) => BlobKey.ForAsset(jobId, PodcastStage.Assembly, "episode", "wav");

    public static string Transcript(string jobId) => BlobKey.ForAsset(jobId, PodcastStage.Assembly, "transcript", "json");
}
