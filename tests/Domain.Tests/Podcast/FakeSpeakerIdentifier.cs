using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Domain.Tests.Podcast;

/// <summary>Names the clusters with the registry's names in order (a name per cluster while names last).</summary>
internal sealed class FakeSpeakerIdentifier : ISpeakerIdentifier
{
    public Task<IReadOnlyList<SpeakerMatch>> IdentifyAsync(IReadOnlyList<SpeakerCluster> speakers, IReadOnlyDictionary<string, VoiceFeatures> registry, CancellationToken cancellationToken = default)
    {
        var names = registry.Keys.Order(StringComparer.Ordinal).ToList();
        IReadOnlyList<SpeakerMatch> matches = speakers.Select((s, i) => new SpeakerMatch(s.Label, i < names.Count ? names[i] : null, i < names.Count ? 0.9 : 0)).ToList();
        return Task.FromResult(matches);
    }
}
