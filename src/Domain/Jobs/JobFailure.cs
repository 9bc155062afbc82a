namespace Pipeline.Domain.Jobs;

/// <summary>Input of <c>FailJobActivity</c>: why the job's workflow failed.</summary>
public sealed record JobFailure(string JobId, string JobType, string ErrorType, string Message, DateTimeOffset At);
