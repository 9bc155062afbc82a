using Pipeline.Domain.Assets;

namespace Pipeline.Domain.Lecture;

/// <summary>
/// The input of <c>LectureMediaWorkflow</c> (instance id = job id): the validated request and, for a retry, the
/// previous run's outcomes — succeeded assets are reused, only the others run again.
/// </summary>
public sealed record LectureMediaJob
{
    public required string JobId { get; init; }

    public required LectureMediaRequest Request { get; init; }

    public IReadOnlyList<AssetOutcome> Reuse { get; init; } = [];
}
