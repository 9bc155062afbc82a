namespace Pipeline.Domain.Jobs;

/// <summary>
/// How many assets a job has and how many have finished either way; for jobs that report phases, the current phase
/// and its percentage (absent on records written before phases existed).
/// </summary>
public sealed record JobProgress
{
    public static JobProgress None { get; } = new();

    public int Total { get; init; }

    public int Succeeded { get; init; }

    public int Failed { get; init; }

    /// <summary>The phase the job is in (<c>outline</c>, <c>script</c>, <c>audio</c>, <c>upload</c>, <c>completed</c>…), or null.</summary>
    public string? Phase { get; init; }

    /// <summary>0–100 as the phase says, or null when the job does not report phases.</summary>
    public int? Percent { get; init; }
}
