namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>
/// Names diarized speakers from a registry of known voices (a voice-embedding service behind an adapter, or the local
/// nearest-features identifier). Each registry name is given to at most one cluster.
/// </summary>
public interface ISpeakerIdentifier
{
    Task<IReadOnlyList<SpeakerMatch>> IdentifyAsync(
        IReadOnlyList<SpeakerCluster> speakers,
        IReadOnlyDictionary<string, VoiceFeatures> registry,
        CancellationToken cancellationToken = default);
}
