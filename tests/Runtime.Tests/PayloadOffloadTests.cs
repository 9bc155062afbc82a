using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Payloads;
using Pipeline.Runtime.Tests.Samples;
using Pipeline.Runtime.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Runtime.Tests;

public sealed class PayloadOffloadTests
{
    private const int FiveMegabytes = 5 * 1024 * 1024;

    [Fact]
    public async Task LargeActivityResult_ThroughWorkflow_HistoryHoldsOnlyTheEnvelope()
    {
        var blobs = new InMemoryBlobStore();
        var converter = new OffloadingPayloadConverter(blobs, Options.Create(new PayloadOptions()));
        await using var host = new TestRuntime(Catalog(), converter: converter);

        var result = await host.RunAsync(nameof(LargeResultWorkflow), FiveMegabytes, "offload-job-1");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var expected = await new LargeResultActivity().RunAsync(FiveMegabytes, CancellationToken.None);
        Assert.Equal($"{FiveMegabytes}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(expected)))}", result.ReadOutputAs<string>());
        var counters = host.Runtime.GetCounters("offload-job-1")!;
        Assert.True(counters.HistoryBytes < 2048, $"history holds {counters.HistoryBytes} bytes");
        Assert.Contains(blobs.Keys, k => k.StartsWith("payloads/", StringComparison.Ordinal));
        Assert.Contains(blobs.Keys, k => k.StartsWith("payload-refs/by-job/offload-job-1/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SameLargeResultTwice_StoredOnce_AndPurgeKeepsItForTheOtherJob()
    {
        var blobs = new InMemoryBlobStore();
        var converter = new OffloadingPayloadConverter(blobs, Options.Create(new PayloadOptions()));
        await using var host = new TestRuntime(Catalog(), converter: converter);

        await host.RunAsync(nameof(LargeResultWorkflow), 100_000, "offload-job-a");
        await host.RunAsync(nameof(LargeResultWorkflow), 100_000, "offload-job-b");

        Assert.Single(blobs.Keys, k => k.StartsWith("payloads/", StringComparison.Ordinal));
        var janitor = new PayloadJanitor(blobs);
        await janitor.PurgeJobAsync("offload-job-a");
        Assert.Single(blobs.Keys, k => k.StartsWith("payloads/", StringComparison.Ordinal));
        await janitor.PurgeJobAsync("offload-job-b");
        Assert.DoesNotContain(blobs.Keys, k => k.StartsWith("payloads/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResultOverMaximum_FailsTheActivityWithSizeAndLimit()
    {
        var blobs = new InMemoryBlobStore();
        var converter = new OffloadingPayloadConverter(blobs, Options.Create(new PayloadOptions { MaxPayloadBytes = 1024 * 1024 }));
        await using var host = new TestRuntime(Catalog(), converter: converter);

        var result = await host.RunAsync(nameof(LargeResultWorkflow), 2 * 1024 * 1024, "offload-too-big");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var cause = result.FailureDetails!.InnerFailure!;
        Assert.Equal(typeof(PayloadTooLargeException).FullName, cause.ErrorType);
        Assert.Contains("1048576", cause.ErrorMessage, StringComparison.Ordinal);
    }

    private static DurableCatalog Catalog() => SampleCatalog.Create().AddActivity<LargeResultActivity>().AddWorkflow<LargeResultWorkflow>();
}
