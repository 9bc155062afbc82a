namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>What a voice sounds like, as the local diarizer measures it: median fundamental frequency and mean spectral centroid.</summary>
public sealed record VoiceFeatures
{
    public required double PitchHz { get; init; }

    public required double SpectralCentroidHz { get; init; }
}
