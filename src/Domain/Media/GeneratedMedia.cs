namespace Pipeline.Domain.Media;

/// <summary>
/// One generated asset body: a stream the caller owns (and disposes, which also removes any temporary file behind it),
/// its content type, the file extension for its blob key and, for audio and video, its duration.
/// </summary>
public sealed record GeneratedMedia : IDisposable, IAsyncDisposable
{
    public required Stream Content { get; init; }

    /// <summary>A MIME type such as <c>image/png</c>, <c>audio/wav</c>, <c>video/mp4</c>.</summary>
    public required string ContentType { get; init; }

    /// <summary>The extension without a dot: <c>png</c>, <c>wav</c>, <c>mp4</c>, <c>avi</c>.</summary>
    public required string Extension { get; init; }

    public TimeSpan? Duration { get; init; }

    /// <summary>What the provider reported using for this asset (tokens, images, characters, seconds); null when nothing was reported.</summary>
    public MediaUsage? Usage { get; init; }

    public void Dispose() => Content.Dispose();

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
