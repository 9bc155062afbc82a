namespace Pipeline.Domain.Jobs;

/// <summary>The job types of the HTTP API (<c>POST /api/jobs/{type}</c>), as stored in job records.</summary>
public static class JobType
{
    public const string LectureMedia = "lecture-media";

    public const string PodcastEpisode = "podcast-episode";

    public const string Diarization = "diarization";

    public static IReadOnlyList<string> All { get; } = [LectureMedia, PodcastEpisode, Diarization];

    public static bool IsKnown(string? value) => value is LectureMedia or PodcastEpisode or Diarization;
}
