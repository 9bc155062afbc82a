using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Tests.Payloads;

public sealed class PayloadSizeGuardTests
{
    private sealed record Caption(string Text, int Index);

    [Fact]
    public void Serialize_WithinLimit_ReturnsTheRuntimesUtf8Json()
    {
        var value = new Caption("Grüße 👋", 3);

        var json = PayloadSizeGuard.Serialize(value, "CaptionActivity", 1024);

        Assert.Equal(JsonPayloadConverter.Instance.Serialize(value), Encoding.UTF8.GetString(json.Span));
        // The runtime's encoder escapes every non-ASCII character: 'ü' and 'ß' become 6 bytes each, the emoji 12.
        Assert.Equal("{\"text\":\"Gr\\u00FC\\u00DFe \\uD83D\\uDC4B\",\"index\":3}", Encoding.UTF8.GetString(json.Span));
        Assert.Equal(49, json.Length);
    }

    [Fact]
    public void Serialize_ExactlyAtLimit_Passes()
    {
        // "é" is 2 bytes of UTF-8 in memory but "\u00E9" (6 bytes) in the runtime's JSON: the size counted is what is sent.
        var value = new string('é', 10);
        Assert.Equal(62, Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(value, JsonPayloadConverter.Options)));

        Assert.Equal(62, PayloadSizeGuard.Serialize(value, "step", 62).Length);
    }

    [Fact]
    public void Serialize_OneByteOver_ThrowsWithStepExactSizeAndLimit()
    {
        var value = new string('é', 10) + "€"; // 62 + 6 bytes ("\u20AC") = 68

        var failure = Assert.Throws<PayloadTooLargeException>(() => PayloadSizeGuard.Serialize(value, "RenderVideoActivity", 67));

        Assert.Equal(("RenderVideoActivity", 68L, 67L), (failure.Step, failure.Size, failure.Limit));
        Assert.Contains("'RenderVideoActivity'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("68 bytes", failure.Message, StringComparison.Ordinal);
        Assert.Contains("limit of 67 bytes", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_FarOverLimit_CountsTheExactSize()
    {
        var value = new string('x', 3_000_000) + "😀"; // 3,000,000 + 12 ("\uD83D\uDE00") + 2 quotes

        var failure = Assert.Throws<PayloadTooLargeException>(() => PayloadSizeGuard.Serialize(value, "step", 1000));

        Assert.Equal(3_000_014, failure.Size);
    }
}
