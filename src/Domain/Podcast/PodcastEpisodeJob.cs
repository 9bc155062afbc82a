namespace Pipeline.Domain.Podcast;

/// <summary>The input of <c>PodcastEpisodeWorkflow</c> (instance id = job id): the validated request.</summary>
public sealed record PodcastEpisodeJob
{
    public required string JobId { get; init; }

    public required PodcastEpisodeRequest Request { get; init; }
}
