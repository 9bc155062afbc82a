namespace Pipeline.Domain.Lecture;

/// <summary>Input of <c>StartLectureJobActivity</c>.</summary>
public sealed record LectureJobStart(string JobId, LectureMediaRequest Request, DateTimeOffset At);
