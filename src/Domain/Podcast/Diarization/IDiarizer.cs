namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>
/// Finds who spoke when in a recording (pyannote behind an adapter, or the local energy/pitch diarizer). A hosted
/// adapter maps 429, 5xx and timeouts to a transient <see cref="Media.GenerationException"/>, and unreadable audio,
/// unsupported formats and rejected requests to a permanent one.
/// </summary>
public interface IDiarizer
{
    /// <summary>Diarizes a WAV stream read once, front to back; <paramref name="speakers"/> fixes the number of speakers when known.</summary>
    Task<DiarizationResult> DiarizeAsync(Stream wav, int? speakers, CancellationToken cancellationToken = default);
}
