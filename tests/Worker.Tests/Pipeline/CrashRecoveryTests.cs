using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;
using Pipeline.Domain.Workflows;
using Pipeline.Testing;

namespace Pipeline.Worker.Tests.Jobs;

/// <summary>
/// A job's stage whose engine stops abruptly mid-run: a new engine on the same task hub finishes it, and no asset whose
/// completion was recorded runs again.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const int Assets = 8;

    private static DurableCatalog Catalog() => new DurableCatalog()
        .AddActivity<GatedAssetActivity>()
        .AddWorkflow<FanOutChunkWorkflow>()
        .AddEntity<JobStatusEntity>();

    [Theory]
        [InlineData(0)]
    [InlineData(5)]
    public async Task NewEngineOnSameHub_AfterAbruptStopWithKAssetsDone_FinishesWithoutRerunningThem(int doneBeforeStop)
    {
        var jobId = $"crash-job-{doneBeforeStop}";
        var blocked = Stages.AssetId(doneBeforeStop);
        var gate = new AssetGate { BlockAt = blocked };
        var log = new ExecutionLog();
        var blobs = new InMemoryBlobStore();
        await using var first = await TestEngine.StartAsync(Catalog(), Services(blobs, gate), log: log);
        try
        {
            // One asset at a time: when asset k starts, the completions of assets 0..k-1 are in the committed history.
            await first.Client.ScheduleNewOrchestrationInstanceAsync(
                nameof(FanOutChunkWorkflow), Stages.Images(jobId, nameof(GatedAssetActivity), Assets, window: 1), new StartOrchestrationOptions(jobId));
            await gate.Reached.Task.WaitAsync(TestEngine.Timeout);
            await first.Engine.StopAsync(forced: true);

            await using var second = await TestEngine.StartAsync(Catalog(), Services(blobs, new AssetGate()), taskHubName: first.Options.TaskHubName, log: log);
            // A stopped worker still renews the lock of the activity it is running, so in one process the stop cannot
            // strand it: the blocked activity is let go once the new engine runs, and its completion may or may not land.
            gate.Release.TrySetResult();
            var result = await second.CompleteAsync(jobId);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
            var outcomes = result.ReadOutputAs<List<AssetOutcome>>()!;
            Assert.Equal(Enumerable.Range(0, Assets).Select(Stages.AssetId), outcomes.Select(o => o.AssetId));
            Assert.All(outcomes, o => Assert.Equal(AssetStatus.Succeeded, o.Status));
            for (var i = 0; i < Assets; i++)
            {
                var asset = Stages.AssetId(i);
                if (i == doneBeforeStop)
                {
                    // In flight at the stop: it ran on the old engine and, if its completion was lost, again on the new one.
                    Assert.InRange(log.Count(asset), 1, 2);
                }
                else
                {
                    Assert.Equal(1, log.Count(asset));
                }
            }

            // Each asset needs one scheduled task and the history holds as many as there are assets: none was scheduled
            // again; the new engine replayed the recorded completions. (This backend keeps no activity inputs in history.)
            Assert.Equal(Assets, (await second.Engine.HistoryAsync(jobId)).OfType<TaskScheduledEvent>().Count());
        }
        finally
        {
            gate.Release.TrySetResult();
        }
    }

    private static Action<IServiceCollection> Services(InMemoryBlobStore blobs, AssetGate gate) => services => services
        .AddSingleton(gate)
        .AddSingleton<IBlobStore>(blobs)
        .AddOptions<JobStatusOptions>();
}
