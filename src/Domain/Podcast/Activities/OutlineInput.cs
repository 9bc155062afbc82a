namespace Pipeline.Domain.Podcast.Activities;

/// <summary>Input of <see cref="WriteOutlineActivity"/>.</summary>
public sealed record OutlineInput(string JobId, PodcastEpisodeRequest Request);
