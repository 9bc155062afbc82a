using System.ComponentModel.DataAnnotations;

namespace Pipeline.Domain.Workflows;

/// <summary>How an asset activity is retried (serialisable, so it travels to sub-orchestrations).</summary>
public sealed record AssetRetryOptions
{
    [Range(1, 100)]
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan FirstInterval { get; init; } = TimeSpan.FromSeconds(5);

    [Range(1.0, 10.0)]
    public double BackoffCoefficient { get; init; } = 2.0;

    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The policy: exponential backoff; a permanent failure is never retried.</summary>
    public Microsoft.DurableTask.RetryPolicy ToPolicy()
        => new(MaxAttempts, FirstInterval, BackoffCoefficient, MaxInterval)
        {
            HandleFailure = failure => !failure.IsCausedBy<Assets.PermanentAssetException>(),
        };
}
