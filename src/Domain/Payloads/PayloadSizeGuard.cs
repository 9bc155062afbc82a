using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;

namespace Pipeline.Domain.Payloads;

/// <summary>
/// Serialises a value exactly as the runtime does (<see cref="JsonPayloadConverter.Options"/>: System.Text.Json web
/// defaults) and rejects it when its UTF-8 size is over a limit. The serialised bytes are returned so the caller never
/// serialises twice; a value over the limit is counted to its exact size but never held beyond the limit.
/// </summary>
public static class PayloadSizeGuard
{
    /// <summary>Returns the UTF-8 JSON of <paramref name="value"/>, or throws <see cref="PayloadTooLargeException"/>.</summary>
    public static ReadOnlyMemory<byte> Serialize(object value, string step, long limit)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrEmpty(step);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);

        using var sink = new LimitedBufferStream(limit);
        JsonSerializer.Serialize(sink, value, value.GetType(), JsonPayloadConverter.Options);
        EnsureWithinLimit(step, sink.Length, limit);
        return sink.GetWrittenMemory();
    }

    /// <summary>Throws <see cref="PayloadTooLargeException"/> when <paramref name="size"/> is over <paramref name="limit"/>.</summary>
    public static void EnsureWithinLimit(string step, long size, long limit)
    {
        if (size > limit)
        {
            throw new PayloadTooLargeException(step, size, limit);
        }
    }
}
