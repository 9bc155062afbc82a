using System.ComponentModel.DataAnnotations;

namespace Pipeline.Domain.Workflows;

/// <summary>
/// How an asset activity is retried (serialisable, so it travels to sub-orchestrations): at most
/// <see cref="MaxAttempts"/> attempts, the n-th retry after <see cref="FirstInterval"/> × <see cref="BackoffCoefficient"/>^(n−1),
/// never more than <see cref="MaxInterval"/>; a permanent failure is never retried. A fan-out runs the attempts itself
/// (<see cref="DelayAfter(int, TimeSpan?)"/>, so it can number and record each one); single calls use the same rule as an SDK policy
/// (<see cref="ToPolicy"/>). A provider's Retry-After lengthens one wait, never past <see cref="MaxInterval"/>.
/// </summary>
public sealed record AssetRetryOptions
{
    [Range(1, 100)]
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan FirstInterval { get; init; } = TimeSpan.FromSeconds(5);

    [Range(1.0, 10.0)]
    public double BackoffCoefficient { get; init; } = 2.0;

    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait after failed attempt <paramref name="attempt"/> (1-based) before the next one.</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var ticks = FirstInterval.Ticks * Math.Pow(BackoffCoefficient, attempt - 1);
        return ticks >= MaxInterval.Ticks ? MaxInterval : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// How long to wait after failed attempt <paramref name="attempt"/> when the provider asked for
    /// <paramref name="retryAfter"/>: the longer of the backoff and that wait, the wait cut to <see cref="MaxInterval"/>
    /// so that no provider can park an asset longer than the slowest backoff.
    /// </summary>
    public TimeSpan DelayAfter(int attempt, TimeSpan? retryAfter)
    {
        var backoff = DelayAfter(attempt);
        return retryAfter is { } asked && CappedRetryAfter(asked) > backoff ? CappedRetryAfter(asked) : backoff;
    }

    /// <summary>A provider's Retry-After as it is honoured: at most <see cref="MaxInterval"/>.</summary>
    public TimeSpan CappedRetryAfter(TimeSpan retryAfter) => retryAfter > MaxInterval ? MaxInterval : retryAfter;

    /// <summary>The same rule as an SDK policy, for calls whose attempts need no record of their own.</summary>
    public Microsoft.DurableTask.RetryPolicy ToPolicy()
        => new(MaxAttempts, FirstInterval, BackoffCoefficient, MaxInterval)
        {
            HandleFailure = failure => !failure.IsCausedBy<Assets.PermanentAssetException>(),
        };
}
