namespace Pipeline.Domain.Podcast;

/// <summary>
/// Writes an episode's outline and script (an LLM behind an adapter, or the local deterministic writer). A hosted
/// adapter throws <see cref="Media.GenerationException"/> classified at the provider boundary: 429, 5xx and timeouts
/// transient; content-policy refusals and invalid requests permanent.
/// </summary>
public interface IPodcastScriptWriter
{
    Task<PodcastOutline> WriteOutlineAsync(PodcastEpisodeRequest request, CancellationToken cancellationToken = default);

    /// <summary>A script for the outline: lines by the outline's speakers, following the format's structure.</summary>
    Task<PodcastScript> WriteScriptAsync(PodcastEpisodeRequest request, PodcastOutline outline, CancellationToken cancellationToken = default);
}
