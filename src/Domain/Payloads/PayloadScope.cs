namespace Pipeline.Domain.Payloads;

/// <summary>
/// The job (and optionally the step) whose work is running on this asynchronous flow. Hosts set it around a job's
/// work — <c>using (PayloadScope.ForJob(jobId)) { … }</c> — so the payload converter can record which job references
/// each offloaded payload and name the step in size errors. Scopes nest; disposing restores the outer one.
/// </summary>
public sealed class PayloadScope : IDisposable
{
    private static readonly AsyncLocal<PayloadScope?> CurrentScope = new();

    private readonly PayloadScope? outer;
    private bool disposed;

    private PayloadScope(string jobId, string? step)
    {
        JobId = jobId;
        Step = step;
        outer = CurrentScope.Value;
        CurrentScope.Value = this;
    }

    /// <summary>The job id of the innermost scope, or null outside any scope.</summary>
    public static string? CurrentJobId => CurrentScope.Value?.JobId;

    /// <summary>The step name of the innermost scope, or null when none was given.</summary>
    public static string? CurrentStep => CurrentScope.Value?.Step;

    public string JobId { get; }

    public string? Step { get; }

    /// <summary>Enters a scope for <paramref name="jobId"/> (validated as a job id).</summary>
    public static PayloadScope ForJob(string jobId, string? step = null) => new(Jobs.JobId.Validate(jobId), step);

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        CurrentScope.Value = outer;
    }
}
