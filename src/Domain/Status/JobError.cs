namespace Pipeline.Domain.Status;

/// <summary>Why a job failed or was cancelled: the error type and a message a person can act on.</summary>
public sealed record JobError
{
    public required string Type { get; init; }

    public required string Message { get; init; }
}
