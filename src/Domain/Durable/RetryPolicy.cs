namespace Pipeline.Domain.Durable;

/// <summary>
/// A declarative retry policy with the parameters of <c>Microsoft.DurableTask.RetryPolicy</c>. The retry runs inside
/// the orchestration: after a failed attempt a durable timer waits for the backoff delay, then the task is scheduled
/// again. <see cref="HandleFailure"/> can refuse a retry (a permanent failure is never retried).
/// </summary>
public sealed record RetryPolicy
{
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNumberOfAttempts);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        if (maxRetryInterval is { } max && max != Timeout.InfiniteTimeSpan && max < firstRetryInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetryInterval), max, "The maximum retry interval must not be less than the first retry interval.");
        }

        if (retryTimeout is { } timeout && timeout != Timeout.InfiniteTimeSpan && timeout < firstRetryInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(retryTimeout), timeout, "The retry timeout must not be less than the first retry interval.");
        }

        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    /// <summary>Attempts in total, the first one included.</summary>
    public int MaxNumberOfAttempts { get; }

    public TimeSpan FirstRetryInterval { get; }

    public double BackoffCoefficient { get; }

    public TimeSpan MaxRetryInterval { get; }

    /// <summary>No attempt starts once this much time has passed since the first one (infinite by default).</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Decides from the failure whether another attempt may follow; null retries every failure.</summary>
    public Func<TaskFailureDetails, bool>? HandleFailure { get; init; }

    /// <summary>
    /// The delay before the next attempt after <paramref name="failedAttempts"/> failures:
    /// firstRetryInterval × backoffCoefficient^(n−1), capped by <see cref="MaxRetryInterval"/>.
    /// </summary>
    public TimeSpan DelayAfter(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(failedAttempts);
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, failedAttempts - 1);
        var delay = ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
        return MaxRetryInterval != Timeout.InfiniteTimeSpan && delay > MaxRetryInterval ? MaxRetryInterval : delay;
    }
}
