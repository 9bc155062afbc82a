using System.Globalization;

namespace Pipeline.Domain.Payloads;

/// <summary>A serialised value is larger than it may be. Never truncated: the step fails with this error instead.</summary>
public sealed class PayloadTooLargeException : Exception
{
    public PayloadTooLargeException(string step, long size, long limit)
        : base(FormatMessage(step, size, limit))
    {
        Step = step;
        Size = size;
        Limit = limit;
    }

    public PayloadTooLargeException()
        : this("unknown", 0, 0)
    {
    }

    public PayloadTooLargeException(string message)
        : base(message) => Step = "unknown";

    public PayloadTooLargeException(string message, Exception innerException)
        : base(message, innerException) => Step = "unknown";

    /// <summary>The workflow, activity or other step whose value was too large.</summary>
    public string Step { get; }

    /// <summary>The value's exact size in bytes (UTF-8 JSON).</summary>
    public long Size { get; }

    /// <summary>The limit it exceeded, in bytes.</summary>
    public long Limit { get; }

    private static string FormatMessage(string step, long size, long limit)
        => string.Create(
            CultureInfo.InvariantCulture,
            $"Step '{step}' produced a payload of {size} bytes (UTF-8 JSON), over the limit of {limit} bytes. Store large results as blobs and return a reference.");
}
