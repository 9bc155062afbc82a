namespace Pipeline.Infrastructure.Media;

/// <summary>The frame size and rate of generated clips.</summary>
public sealed record VideoFormat
{
    public required int Width { get; init; }

    public required int Height { get; init; }

    public required int FramesPerSecond { get; init; }

    /// <summary>The number of frames a clip of <paramref name="duration"/> has (at least one).</summary>
    public int FrameCount(TimeSpan duration) => Math.Max(1, (int)Math.Round(duration.TotalSeconds * FramesPerSecond));
}
