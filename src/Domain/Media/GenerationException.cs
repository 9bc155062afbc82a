using Pipeline.Domain.Assets;

namespace Pipeline.Domain.Media;

/// <summary>
/// A generator failed. <see cref="Kind"/> decides retry (transient: retried with backoff; permanent: never; unknown: by
/// policy). Adapters classify at the provider boundary — from status codes and error codes, never from message text —
/// so nothing downstream matches strings.
/// </summary>
public sealed class GenerationException : Exception
{
    public GenerationException(FailureKind kind, string provider, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Provider = provider;
    }

    public GenerationException()
        : this(FailureKind.Unknown, string.Empty, "Media generation failed.")
    {
    }

    public GenerationException(string message)
        : this(FailureKind.Unknown, string.Empty, message)
    {
    }

    public GenerationException(string message, Exception innerException)
        : this(FailureKind.Unknown, string.Empty, message, innerException)
    {
    }

    public FailureKind Kind { get; }

    /// <summary>The generator that failed, e.g. <c>espeak-ng</c>, <c>ffmpeg</c>, <c>openai-images</c>.</summary>
    public string Provider { get; }

    /// <summary>
    /// The least time the provider asked to wait before the next attempt (its <c>Retry-After</c>), for a transient
    /// failure; null when it named none.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }

    public static GenerationException Transient(string provider, string message, Exception? innerException = null)
        => new(FailureKind.Transient, provider, message, innerException);

    public static GenerationException Permanent(string provider, string message, Exception? innerException = null)
        => new(FailureKind.Permanent, provider, message, innerException);

    public static GenerationException Unknown(string provider, string message, Exception? innerException = null)
        => new(FailureKind.Unknown, provider, message, innerException);

    /// <summary>The small error record an asset outcome carries.</summary>
    public AssetError ToAssetError() => new(Kind, $"{nameof(GenerationException)}:{Provider}", Message);
}
