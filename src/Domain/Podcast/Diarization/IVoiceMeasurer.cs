namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>
/// Measures each speaker's voice features over the segments a diarizer gave them, in one front-to-back pass over the
/// WAV — so the clusters of a provider that reports no features can still be named from a speaker registry.
/// </summary>
public interface IVoiceMeasurer
{
    /// <summary>The recording's duration and, per speaker label of <paramref name="segments"/>, its voice features (zero when it has no voiced speech).</summary>
    Task<MeasuredVoices> MeasureAsync(Stream wav, IReadOnlyList<DiarizedSegment> segments, CancellationToken cancellationToken = default);
}
