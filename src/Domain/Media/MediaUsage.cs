namespace Pipeline.Domain.Media;

/// <summary>
/// What one generation used, as its provider reported it (small: it travels on the asset's outcome). Every count is
/// null when the provider did not report it; local generators report what they produced.
/// </summary>
public sealed record MediaUsage
{
    /// <summary>The provider, e.g. <c>openai</c>, <c>azure-openai</c>, <c>local</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>The model or deployment, e.g. <c>gpt-image-1</c>, <c>tts-1</c>.</summary>
    public string? Model { get; init; }

    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public int? Images { get; init; }

    /// <summary>The image size, e.g. <c>1024x1024</c>.</summary>
    public string? ImageSize { get; init; }

    /// <summary>Characters of text spoken.</summary>
    public long? Characters { get; init; }

    /// <summary>Seconds of audio produced.</summary>
    public double? AudioSeconds { get; init; }

    public long? EmbeddingTokens { get; init; }
}
