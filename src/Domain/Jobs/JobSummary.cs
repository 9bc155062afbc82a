namespace Pipeline.Domain.Jobs;

/// <summary>A job workflow's output: small, whatever the job's size.</summary>
public sealed record JobSummary(string JobId, JobStatus Status, int Total, int Succeeded, int Failed);
