using Pipeline.Domain.Workflows;

namespace Pipeline.Domain.Lecture;

/// <summary>The settings a lecture run uses, resolved once by an activity so the workflow stays deterministic.</summary>
public sealed record LectureSettings(int Window, int ChunkSize, int ChildrenInFlight, AssetRetryOptions Retry)
{
    /// <summary>See <see cref="FanOutRequest.ReportInterval"/>.</summary>
    public TimeSpan ReportInterval { get; init; } = FanOutRequest.DefaultReportInterval;
}
