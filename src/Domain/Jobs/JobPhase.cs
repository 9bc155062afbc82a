namespace Pipeline.Domain.Jobs;

/// <summary>A named step of a job's progress with the percentage a user sees when it begins.</summary>
public sealed record JobPhase(string Name, int Percent);
