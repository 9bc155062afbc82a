namespace Pipeline.Domain.Lecture;

/// <summary>
/// Input of <c>StartLectureJobActivity</c>. <see cref="Request"/> is null when the starter has stored it already
/// (<see cref="LectureMediaJob.RequestStored"/>).
/// </summary>
public sealed record LectureJobStart(string JobId, LectureMediaRequest? Request, DateTimeOffset At);
