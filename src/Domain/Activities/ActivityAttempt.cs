namespace Pipeline.Domain.Activities;

/// <summary>
/// The attempt of the activity running on this asynchronous flow, as the orchestration numbered it (1 for the first
/// try; see <see cref="IAttemptNumbered"/>). Activities enter it around their work —
/// <c>using (ActivityAttempt.Enter(input.Attempt)) { … }</c> — so code below them (the fault-injecting generators)
/// knows the attempt from durable state, the same on every host and after any restart. Scopes nest; disposing restores
/// the outer one.
/// </summary>
public sealed class ActivityAttempt : IDisposable
{
    private static readonly AsyncLocal<ActivityAttempt?> CurrentScope = new();

    private readonly ActivityAttempt? outer;
    private bool disposed;

    private ActivityAttempt(int number)
    {
        Number = number;
        outer = CurrentScope.Value;
        CurrentScope.Value = this;
    }

    /// <summary>The attempt number of the innermost scope, or null outside any activity attempt.</summary>
    public static int? Current => CurrentScope.Value?.Number;

    public int Number { get; }

    /// <summary>Enters attempt <paramref name="attempt"/> (null, as the first try's input carries it, is attempt 1).</summary>
    public static ActivityAttempt Enter(int? attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt ?? 1, 1, nameof(attempt));
        return new(attempt ?? 1);
    }

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
