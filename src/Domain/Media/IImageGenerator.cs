namespace Pipeline.Domain.Media;

/// <summary>Renders one image for a prompt (OpenAI / Azure OpenAI images behind an adapter, or the local renderer).</summary>
public interface IImageGenerator
{
    /// <summary>A PNG of exactly <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    Task<GeneratedMedia> GenerateImageAsync(string prompt, int width, int height, CancellationToken cancellationToken = default);
}
