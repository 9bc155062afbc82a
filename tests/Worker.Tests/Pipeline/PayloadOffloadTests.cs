using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;
using Pipeline.Domain.Workflows;
using Pipeline.Testing;

namespace Pipeline.Worker.Tests.Jobs;

/// <summary>The claim-check converter on the engine: history carries envelopes, values round-trip through the blob store.</summary>
public sealed class PayloadOffloadTests
{
    private const int FiveMegabytes = 5 * 1024 * 1024;

    private static DurableCatalog Catalog() => new DurableCatalog()
        .AddActivity<LargeResultActivity>()
        .AddWorkflow<LargeResultWorkflow>()
        .AddActivity<DigestActivity>()
        .AddWorkflow<LargeInputWorkflow>()
        .AddActivity<SimulatedAssetActivity>()
        .AddWorkflow<FanOutChunkWorkflow>()
        .AddEntity<JobStatusEntity>();

    private static Action<IServiceCollection> Offloading(InMemoryBlobStore blobs, PayloadOptions? options = null) => services => services
        .AddSingleton<IBlobStore>(blobs)
        .AddSingleton<DataConverter>(new OffloadingPayloadConverter(blobs, Options.Create(options ?? new PayloadOptions())))
        .AddOptions<JobStatusOptions>();

    [Fact]
    public async Task LargeActivityResult_ThroughWorkflow_HistoryHoldsOnlyTheEnvelopeAndTheValueRoundTrips()
    {
        var blobs = new InMemoryBlobStore();
        await using var host = await TestEngine.StartAsync(Catalog(), Offloading(blobs));

        var result = await host.RunAsync(nameof(LargeResultWorkflow), FiveMegabytes, "offload-result-1");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(LargeResultActivity.Digest(LargeResultActivity.Value(FiveMegabytes)), result.ReadOutputAs<string>());
        var completed = Assert.Single((await host.Engine.HistoryAsync("offload-result-1")).OfType<TaskCompletedEvent>());
        Assert.StartsWith("{\"$claim\":\"payloads/", completed.Result, StringComparison.Ordinal);
        Assert.True(completed.Result.Length < 512, $"the activity result in history is {completed.Result.Length} characters");
        var historyBytes = await host.Engine.HistoryPayloadBytesOfJobAsync("offload-result-1");
        Assert.True(historyBytes < 2048, $"history carries {historyBytes} payload bytes");
        Assert.Single(blobs.Keys, k => k.StartsWith(BlobKey.PayloadPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LargeActivityInput_ThroughWorkflow_ReachesTheActivityWhole()
    {
        // The engine passes an activity's input as a one-element parameter array: the claim must stand for the value,
        // not for the array, or the activity receives an array where it expects its input.
        var blobs = new InMemoryBlobStore();
        await using var host = await TestEngine.StartAsync(Catalog(), Offloading(blobs));

        var result = await host.RunAsync(nameof(LargeInputWorkflow), 200_000, "offload-activity-input-1");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(LargeResultActivity.Digest(LargeResultActivity.Value(200_000)), result.ReadOutputAs<string>());
        Assert.Contains(blobs.Keys, k => k.StartsWith(BlobKey.PayloadPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LargeOrchestrationInput_FanOutOfAStage_InputAndOutputAreEnvelopesAndRoundTripThroughTheClient()
    {
        var blobs = new InMemoryBlobStore();
        await using var host = await TestEngine.StartAsync(Catalog(), Offloading(blobs));
        const string jobId = "offload-input-1";
        var request = Stages.Images(jobId, nameof(SimulatedAssetActivity), count: 100, promptLength: 400);

        var result = await host.RunAsync(nameof(FanOutChunkWorkflow), request, jobId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var history = await host.Engine.HistoryAsync(jobId);
        var started = Assert.Single(history.OfType<ExecutionStartedEvent>());
        Assert.StartsWith("{\"$claim\":\"payloads/", started.Input, StringComparison.Ordinal);
        var ended = Assert.Single(history.OfType<ExecutionCompletedEvent>());
        Assert.StartsWith("{\"$claim\":\"payloads/", ended.Result, StringComparison.Ordinal);
        Assert.Equal(request.Tasks.Select(t => t.AssetId), result.ReadInputAs<FanOutRequest>()!.Tasks.Select(t => t.AssetId));
        var outcomes = result.ReadOutputAs<List<AssetOutcome>>()!;
        Assert.Equal(request.Tasks.Select(t => t.AssetId), outcomes.Select(o => o.AssetId));
        Assert.All(outcomes, o => Assert.Equal(AssetStatus.Succeeded, o.Status));
        Assert.All(request.Tasks, t => Assert.Equal(1, host.Log.Count(t.AssetId)));
    }

    [Fact]
    public async Task SameLargeResultInTwoJobs_IsStoredOnce()
    {
        var blobs = new InMemoryBlobStore();
        await using var host = await TestEngine.StartAsync(Catalog(), Offloading(blobs));

        var a = await host.RunAsync(nameof(LargeResultWorkflow), 100_000, "offload-twice-a");
        var b = await host.RunAsync(nameof(LargeResultWorkflow), 100_000, "offload-twice-b");

        Assert.Equal(a.ReadOutputAs<string>(), b.ReadOutputAs<string>());
        Assert.Single(blobs.Keys, k => k.StartsWith(BlobKey.PayloadPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ActivityResultOverMaximum_FailsTheWorkflowWithSizeAndLimit()
    {
        var blobs = new InMemoryBlobStore();
        await using var host = await TestEngine.StartAsync(Catalog(), Offloading(blobs, new PayloadOptions { MaxPayloadBytes = 1024 * 1024 }));

        var result = await host.RunAsync(nameof(LargeResultWorkflow), 2 * 1024 * 1024, "offload-too-big");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("over the limit of 1048576 bytes", Assert.IsType<TaskFailureDetails>(result.FailureDetails).ErrorMessage, StringComparison.Ordinal);
        var failed = Assert.Single((await host.Engine.HistoryAsync("offload-too-big")).OfType<TaskFailedEvent>());
        Assert.Equal(typeof(PayloadTooLargeException).FullName, failed.FailureDetails?.ErrorType);
        Assert.Contains("1048576", failed.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(blobs.Keys, k => k.StartsWith(BlobKey.PayloadPrefix, StringComparison.Ordinal));
    }
}
