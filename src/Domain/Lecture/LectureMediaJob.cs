using System.Text.Json.Serialization;
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

    /// <summary>
    /// True when the starter has already stored <see cref="Request"/> as the job's claim check
    /// (<see cref="LectureRequestStore"/>), as the HTTP API does: the start activity then reads it there instead of
    /// receiving a second copy through history.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool RequestStored { get; init; }
}
