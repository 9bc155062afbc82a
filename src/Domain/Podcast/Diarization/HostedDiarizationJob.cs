namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>
/// One answer of a hosted provider about a job: its status and, when it succeeded, the segments (speaker label as the
/// provider names it, start and end in seconds); when it failed, the provider's reason.
/// </summary>
public sealed record HostedDiarizationJob
{
    public required HostedJobStatus Status { get; init; }

    public IReadOnlyList<DiarizedSegment>? Segments { get; init; }

    public string? Error { get; init; }
}
