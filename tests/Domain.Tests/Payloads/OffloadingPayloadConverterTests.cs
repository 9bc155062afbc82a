using System.Text;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Payloads;
using Pipeline.Testing;

namespace Pipeline.Domain.Tests.Payloads;

public sealed class OffloadingPayloadConverterTests
{
    private readonly InMemoryBlobStore store = new();

    public sealed record Transcript(string JobId, IReadOnlyList<string> Lines);

    [Fact]
    public void Serialize_SmallValue_StaysInlineJson()
    {
        var converter = Converter();
        var value = new Transcript("job-1", ["hello"]);

        var data = converter.Serialize(value);

        Assert.Equal("{\"jobId\":\"job-1\",\"lines\":[\"hello\"]}", data);
        Assert.Equal(value.Lines, ((Transcript)converter.Deserialize(data, typeof(Transcript))!).Lines);
        Assert.Empty(store.Keys);
    }

    [Fact]
    public void Serialize_FiveMegabyteValue_BecomesASmallEnvelopeThatRoundTrips()
    {
        var converter = Converter();
        var value = LargeTranscript(5_000_000);

        var data = converter.Serialize(value)!;
        var back = (Transcript)Converter().Deserialize(data, typeof(Transcript))!; // a fresh converter: no cache

        Assert.True(Encoding.UTF8.GetByteCount(data) < 512, $"Envelope is {data.Length} characters: {data}");
        Assert.StartsWith("{\"$claim\":\"payloads/", data, StringComparison.Ordinal);
        Assert.Equal(value.Lines, back.Lines);
        var payload = Assert.Single(store.Keys);
        Assert.Contains(payload, data, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_SameLargeValueTwice_StoresItOnce()
    {
        var converter = Converter();
        var value = LargeTranscript(100_000);

        var first = converter.Serialize(value);
        var second = converter.Serialize(value with { Lines = [.. value.Lines] });

        Assert.Equal(first, second);
        Assert.Equal(1, store.Writes);
    }

    [Fact]
    public void Serialize_OverTheMaximum_FailsNamingStepSizeAndLimit()
    {
        var converter = Converter(o => o.MaxPayloadBytes = 64 * 1024);
        var value = LargeTranscript(70_000);
        var size = Encoding.UTF8.GetByteCount(JsonPayloadConverter.Instance.Serialize(value)!);

        PayloadTooLargeException failure;
        using (PayloadScope.ForJob("job-9", "TranscribeActivity"))
        {
            failure = Assert.Throws<PayloadTooLargeException>(() => converter.Serialize(value));
        }

        Assert.Equal(("TranscribeActivity", (long)size, 65536L), (failure.Step, failure.Size, failure.Limit));
        Assert.Contains($"{size} bytes", failure.Message, StringComparison.Ordinal);
        Assert.Contains("65536 bytes", failure.Message, StringComparison.Ordinal);
        Assert.Empty(store.Keys);
    }

    [Fact]
    public void Serialize_OffloadDisabled_KeepsLargeValuesInlineButStillEnforcesTheMaximum()
    {
        var converter = Converter(o =>
        {
            o.OffloadEnabled = false;
            o.MaxPayloadBytes = 1024 * 1024;
        });
        var large = LargeTranscript(100_000);

        var data = converter.Serialize(large)!;

        Assert.Equal(JsonPayloadConverter.Instance.Serialize(large), data);
        Assert.Empty(store.Keys);
        Assert.Throws<PayloadTooLargeException>(() => converter.Serialize(LargeTranscript(2_000_000)));
    }

    [Fact]
    public async Task Deserialize_TamperedPayload_FailsInsteadOfReturningWrongData()
    {
        var data = Converter().Serialize(LargeTranscript(50_000))!;
        var key = Assert.Single(store.Keys);
        await store.PutAsync(key, new MemoryStream([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]), "application/gzip");

        Assert.ThrowsAny<Exception>(() => Converter().Deserialize(data, typeof(Transcript)));
    }

    [Fact]
    public void Deserialize_UserObjectWithClaimLikeProperty_IsNotMistakenForAnEnvelope()
    {
        var data = "{\"$claim\":\"not-a-payload\",\"length\":1,\"sha256\":\"x\"}";

        var value = (Dictionary<string, object>)Converter().Deserialize(data, typeof(Dictionary<string, object>))!;

        Assert.Equal("not-a-payload", value["$claim"].ToString());
    }

    [Fact]
    public async Task PurgeJobAsync_PayloadSharedWithAnotherJob_KeepsItAndDeletesTheRest()
    {
        var converter = Converter();
        var shared = LargeTranscript(40_000);
        var onlyA = LargeTranscript(60_000);
        string sharedData, onlyAData;
        using (PayloadScope.ForJob("job-a"))
        {
            sharedData = converter.Serialize(shared)!;
            onlyAData = converter.Serialize(onlyA)!;
        }

        using (PayloadScope.ForJob("job-b"))
        {
            converter.Serialize(shared);
        }

        await store.PutAsync(BlobKey.ForAsset("job-a", "images", "a1", "png"), new MemoryStream([1]), "image/png");
        await store.PutAsync(BlobKey.ForAsset("job-b", "images", "b1", "png"), new MemoryStream([1]), "image/png");

        var result = await new PayloadJanitor(store).PurgeJobAsync("job-a");

        Assert.Equal(new PayloadPurgeResult { JobId = "job-a", PayloadsDeleted = 1, PayloadsKept = 1, AssetsDeleted = 1 }, result);
        Assert.Equal(shared.Lines, ((Transcript)Converter().Deserialize(sharedData, typeof(Transcript))!).Lines);
        Assert.ThrowsAny<BlobNotFoundException>(() => Converter().Deserialize(onlyAData, typeof(Transcript)));
        Assert.DoesNotContain(store.Keys, key => key.Contains("job-a", StringComparison.Ordinal));
        Assert.Contains(BlobKey.ForAsset("job-b", "images", "b1", "png"), store.Keys);

        var last = await new PayloadJanitor(store).PurgeJobAsync("job-b");

        Assert.Equal(1, last.PayloadsDeleted);
        Assert.DoesNotContain(store.Keys, key => !key.StartsWith("jobs/", StringComparison.Ordinal));
    }

    [Fact]
    public void PayloadScope_Nested_RestoresTheOuterJobOnDispose()
    {
        using (PayloadScope.ForJob("job-outer"))
        {
            using (PayloadScope.ForJob("job-inner", "Step"))
            {
                Assert.Equal(("job-inner", "Step"), (PayloadScope.CurrentJobId, PayloadScope.CurrentStep));
            }

            Assert.Equal("job-outer", PayloadScope.CurrentJobId);
        }

        Assert.Null(PayloadScope.CurrentJobId);
    }

    private OffloadingPayloadConverter Converter(Action<PayloadOptions>? configure = null)
    {
        var options = new PayloadOptions();
        configure?.Invoke(options);
        return new OffloadingPayloadConverter(store, Options.Create(options));
    }

    /// <summary>A transcript whose JSON is about <paramref name="bytes"/> long, varied enough not to compress to nothing.</summary>
    private static Transcript LargeTranscript(int bytes)
    {
        var lines = new List<string>();
        var random = new Random(bytes);
        for (var total = 0; total < bytes; total += 103)
        {
            lines.Add(string.Create(100, random, static (span, r) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = (char)('a' + r.Next(26));
                }
            }));
        }

        return new Transcript("job-1", lines);
    }
}
