namespace Pipeline.Domain.Podcast.Activities;

/// <summary>Input of <see cref="PublishEpisodeActivity"/>: everything the job record shows about the finished episode.</summary>
public sealed record EpisodePublication
{
    public required string JobId { get; init; }

    public required string Title { get; init; }

    public required string Description { get; init; }

    public required EpisodeAssembly Episode { get; init; }

    public required DateTimeOffset At { get; init; }
}
