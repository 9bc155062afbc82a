namespace Pipeline.Domain.Media;

/// <summary>Animates a starting image into a clip, with the narration as its sound track when there is one.</summary>
public interface IVideoGenerator
{
    /// <summary>
    /// An MP4 (or, from the built-in writer, a Motion-JPEG AVI) lasting <paramref name="duration"/>. The streams are read,
    /// not disposed; <paramref name="narration"/> is a WAV file or null for a silent clip.
    /// </summary>
    Task<GeneratedMedia> GenerateVideoAsync(Stream startingImage, Stream? narration, TimeSpan duration, CancellationToken cancellationToken = default);
}
