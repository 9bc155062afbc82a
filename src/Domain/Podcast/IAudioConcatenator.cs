namespace Pipeline.Domain.Podcast;

/// <summary>
/// Joins audio parts into one file, streaming: each part is opened, copied and closed in turn. Parts that cannot be
/// joined (another format, not audio) are a permanent <see cref="Media.GenerationException"/>.
/// </summary>
public interface IAudioConcatenator
{
    /// <summary>Writes the parts in order to <paramref name="output"/> (seekable) and returns their durations.</summary>
    Task<ConcatenatedAudio> ConcatenateAsync(IReadOnlyList<AudioPart> parts, Stream output, CancellationToken cancellationToken = default);
}
