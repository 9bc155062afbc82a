using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Domain.Media;

namespace Pipeline.Domain.Assets;

/// <summary>
/// Turns a generator's classified failure into the asset exception whose type the retry policy reads. A transient
/// failure whose provider named a <see cref="GenerationException.RetryAfter"/> ends its message with a
/// <see cref="RetryAfterMarker"/> (<c>[retry-after 3000 ms]</c>): the message is what every host records of an activity
/// failure, so the wait reaches the orchestration through history, the same on replay and on any host.
/// Only <see cref="SplitRetryAfter"/> reads it back, and a provider's own text can never forge one.
/// </summary>
public static partial class AssetFailures
{
    /// <summary>The start of the marker a transient failure's message carries when the provider named a wait.</summary>
    public const string RetryAfterMarker = "[retry-after ";

    public static AssetFailureException From(string assetId, GenerationException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);

        // A provider's message that happens to contain the marker is defused, so only the one appended here is read.
        var text = failure.Message.Replace(RetryAfterMarker, "(retry-after ", StringComparison.Ordinal);
        var message = $"{assetId}: {failure.Provider}: {text}";
        return failure.Kind switch
        {
            FailureKind.Transient => new TransientAssetException(assetId, WithRetryAfter(message, failure.RetryAfter), failure) { RetryAfter = Positive(failure.RetryAfter) },
            FailureKind.Permanent => new PermanentAssetException(assetId, message, failure),
            _ => new UnknownAssetException(assetId, message, failure),
        };
    }

    /// <summary>
    /// The message without its retry-after marker, and the wait the marker names (null when it names none). Reads only
    /// what <see cref="From"/> wrote: the last marker, whole milliseconds.
    /// </summary>
    public static (string Message, TimeSpan? RetryAfter) SplitRetryAfter(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return (message ?? string.Empty, null);
        }

        var matches = MarkerPattern().Matches(message);
        if (matches.Count == 0)
        {
            return (message, null);
        }

        var last = matches[^1];
        var milliseconds = long.Parse(last.Groups["ms"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        return (message.Remove(last.Index, last.Length), TimeSpan.FromMilliseconds(milliseconds));
    }

    private static string WithRetryAfter(string message, TimeSpan? retryAfter)
        => Positive(retryAfter) is { } wait
            ? string.Create(CultureInfo.InvariantCulture, $"{message} {RetryAfterMarker}{(long)Math.Ceiling(wait.TotalMilliseconds)} ms]")
            : message;

    private static TimeSpan? Positive(TimeSpan? wait) => wait is { } w && w > TimeSpan.Zero ? w : null;

    [GeneratedRegex(@" ?\[retry-after (?<ms>[0-9]{1,15}) ms\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MarkerPattern();
}
