using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;
using Pipeline.Domain.Workflows;
using Pipeline.Testing;
using Pipeline.Worker.Tests.Client;

namespace Pipeline.Worker.Tests.Jobs;

/// <summary>The job-status entity on the engine, driven by Pipeline's fan-out and read through the client.</summary>
public sealed class JobStatusEntityTests
{
    private const int OverflowThresholdBytes = 1024;

    private static DurableCatalog Catalog() => new DurableCatalog()
        .AddActivity<SimulatedAssetActivity>()
        .AddActivity<DigestActivity>()
        .AddWorkflow<StatusLifecycleWorkflow>()
        .AddWorkflow<FanOutChunkWorkflow>()
        .AddEntity<JobStatusEntity>();

    private static Action<IServiceCollection> Services(InMemoryBlobStore blobs) => services => services
        .AddSingleton<IBlobStore>(blobs)
        .AddOptions<JobStatusOptions>().Configure(o => o.OverflowThresholdBytes = OverflowThresholdBytes);

    [Fact]
    public async Task StartThenComplete_FromOneWorkflow_EndsCompleted()
    {
        var blobs = new InMemoryBlobStore();
        await using var host = await TestEngine.StartAsync(Catalog(), Services(blobs));
        const string jobId = "status-lifecycle";

        var result = await host.RunAsync(nameof(StatusLifecycleWorkflow), jobId, jobId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var final = await StateAsync(host, JobStatusEntity.IdFor(jobId), s => s.EndedAt is not null);
        Assert.Equal(JobStatus.Completed, final.Status);
    }

    [Fact]
    public async Task Start_ExtendedSessionsWithEntities_IsRefusedNamingTheSetting()
    {
        // With extended sessions the entity above ends Pending → Completed refused: its Start was lost.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => TestEngine.StartAsync(Catalog(), Services(new InMemoryBlobStore()), tune: o => o.ExtendedSessions = true));

        Assert.Contains("Pipeline:DurableTask:ExtendedSessions", error.Message, StringComparison.Ordinal);
        Assert.Contains("jobstatusentity", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FanOutOfAStage_ReportsEveryAsset_StepsOverflowIntoBlobsAndTheWholeLogReadsBack()
    {
        var blobs = new InMemoryBlobStore();
        await using var host = await TestEngine.StartAsync(Catalog(), Services(blobs));
        const string jobId = "status-fanout-1";
        var id = JobStatusEntity.IdFor(jobId);
        await host.Client.Entities.SignalEntityAsync(id, nameof(JobStatusEntity.Start), new StartJob { JobType = JobType.LectureMedia, At = DateTimeOffset.UtcNow });

        var result = await host.RunAsync(nameof(FanOutChunkWorkflow), Stages.Images(jobId, nameof(SimulatedAssetActivity), count: 60, window: 4), jobId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var afterStage = await StateAsync(host, id, s => s.Status == JobStatus.Running && s.Stages is [{ Status: JobStatus.Completed }]);
        Assert.Equal(60, afterStage.Stages[0].Total);
        Assert.Equal(60, afterStage.Stages[0].Succeeded);
        Assert.Equal(0, afterStage.Stages[0].Failed);
        Assert.Equal(60, afterStage.StepCount);
        Assert.NotEmpty(afterStage.Segments);
        Assert.True(
            JsonSerializer.SerializeToUtf8Bytes(afterStage, JsonPayloadConverter.Options).Length <= OverflowThresholdBytes,
            "the entity state stays within its overflow threshold");

        var log = new List<StepRecord>();
        await foreach (var step in new StepLogReader(blobs).ReadAsync(afterStage))
        {
            log.Add(step);
        }

        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), log.Select(s => s.Sequence));
        Assert.Equal(Enumerable.Range(0, 60).Select(Stages.AssetId).Order(StringComparer.Ordinal), log.Select(s => s.AssetId!).Order(StringComparer.Ordinal));
        Assert.All(log, s => Assert.Equal(AssetStatus.Succeeded, s.Status));

        await host.Client.Entities.SignalEntityAsync(id, nameof(JobStatusEntity.Complete), new CompleteJob { At = DateTimeOffset.UtcNow });
        var final = await StateAsync(host, id, s => s.Status == JobStatus.Completed);
        Assert.NotNull(final.EndedAt);
    }

    [Fact]
    public async Task RecordSteps_SameBatchSentAgain_IsAppliedOnce()
    {
        var blobs = new InMemoryBlobStore();
        await using var host = await TestEngine.StartAsync(Catalog(), Services(blobs));
        var id = JobStatusEntity.IdFor("status-batches-1");
        var first = Batch(1, 5);

        await host.Client.Entities.SignalEntityAsync(id, nameof(JobStatusEntity.RecordSteps), first);
        var once = await StateAsync(host, id, s => s.HighestSequence == 5);
        await host.Client.Entities.SignalEntityAsync(id, nameof(JobStatusEntity.RecordSteps), first);
        await host.Client.Entities.SignalEntityAsync(id, nameof(JobStatusEntity.RecordSteps), Batch(6, 8));
        var after = await StateAsync(host, id, s => s.HighestSequence == 8);

        Assert.Equal(5, once.StepCount);
        Assert.Equal(8, after.StepCount);
        Assert.Equal(8, after.Stages.Single().Succeeded);
        Assert.Equal(8, after.HighestSequenceBySource["fan-out"]);
    }

    private static RecordStepsBatch Batch(int first, int last) => new()
    {
        Source = "fan-out",
        Stage = "images",
        At = DateTimeOffset.UtcNow,
        First = first,
        Assets = [.. Enumerable.Range(first, last - first + 1).Select(i => new AssetStep(Stages.AssetId(i), AssetStatus.Succeeded))],
    };

    /// <summary>The entity's state as the client reads it, once it meets <paramref name="condition"/> (signals are fire-and-forget).</summary>
    private static async Task<JobStatusState> StateAsync(TestEngine host, EntityInstanceId id, Func<JobStatusState, bool> condition)
    {
        var entity = await Eventually.ReadAsync(
            token => host.Client.Entities.GetEntityAsync<JobStatusState>(id, includeState: true, token),
            e => e is not null && condition(e.State),
            TestEngine.Timeout);
        return entity!.State;
    }
}
