using Pipeline.Domain.Assets;

namespace Pipeline.Domain.Workflows;

/// <summary>
/// How one asset of a fan-out went: its outcome, when its last attempt started and ended, and the attempts before it
/// that failed and were retried. Times are workflow time (<c>CurrentUtcDateTime</c> when the attempt was scheduled and
/// when its result was read), cut to whole milliseconds, so replay gives the same values.
/// </summary>
internal sealed record AssetRun(AssetOutcome Outcome, DateTime StartedAt, DateTime EndedAt, IReadOnlyList<AttemptRun> Failures);

/// <summary>
/// An attempt that failed and was retried: when it ran, why it failed and, when the provider named one, the
/// Retry-After the next attempt waited for (cut to the retry options' <c>MaxInterval</c>).
/// </summary>
internal sealed record AttemptRun(DateTime StartedAt, DateTime EndedAt, AssetError Error, TimeSpan? RetryAfter = null);
