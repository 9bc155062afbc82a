using Pipeline.Domain.Podcast;

namespace Pipeline.Standalone.Tests.Fakes;

/// <summary>Holds the outline and the script at their own gates, so a test can look at the job in each phase.</summary>
public sealed class GatedScriptWriter(IPodcastScriptWriter inner, GenerationGate outlineGate, GenerationGate scriptGate) : IPodcastScriptWriter
{
    public async Task<PodcastOutline> WriteOutlineAsync(PodcastEpisodeRequest request, CancellationToken cancellationToken = default)
    {
        await outlineGate.PassAsync(cancellationToken);
        return await inner.WriteOutlineAsync(request, cancellationToken);
    }

    public async Task<PodcastScript> WriteScriptAsync(PodcastEpisodeRequest request, PodcastOutline outline, CancellationToken cancellationToken = default)
    {
        await scriptGate.PassAsync(cancellationToken);
        return await inner.WriteScriptAsync(request, outline, cancellationToken);
    }
}
