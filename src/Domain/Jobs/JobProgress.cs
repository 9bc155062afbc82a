namespace Pipeline.Domain.Jobs;

/// <summary>How many assets a job has and how many have finished either way.</summary>
public sealed record JobProgress
{
    public static JobProgress None { get; } = new();

    public int Total { get; init; }

    public int Succeeded { get; init; }

    public int Failed { get; init; }
}
