namespace Pipeline.Domain.Podcast;

/// <summary>Some segments of an episode could not be voiced after their retries, so the episode cannot be assembled.</summary>
public sealed class EpisodeAudioIncompleteException : Exception
{
    public EpisodeAudioIncompleteException(string jobId, int failed, int total, string? firstError)
        : base($"Job '{jobId}': {failed} of {total} segments could not be voiced, so the episode was not assembled. First error: {firstError ?? "unknown"}")
    {
        JobId = jobId;
        Failed = failed;
        Total = total;
    }

    public EpisodeAudioIncompleteException()
        : this(string.Empty, 0, 0, null)
    {
    }

    public EpisodeAudioIncompleteException(string message)
        : base(message) => JobId = string.Empty;

    public EpisodeAudioIncompleteException(string message, Exception innerException)
        : base(message, innerException) => JobId = string.Empty;

    public string JobId { get; }

    public int Failed { get; }

    public int Total { get; }
}
