using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Tests.Lecture;

/// <summary>Refuses (permanently, like a content policy) every prompt that contains "REFUSE"; otherwise delegates.</summary>
internal sealed class RefusingImageGenerator(IImageGenerator inner) : IImageGenerator
{
    public Task<GeneratedMedia> GenerateImageAsync(string prompt, int width, int height, CancellationToken cancellationToken = default)
        => prompt.Contains("REFUSE", StringComparison.Ordinal)
            ? throw GenerationException.Permanent("test-policy", "the prompt violates the content policy")
            : inner.GenerateImageAsync(prompt, width, height, cancellationToken);
}
