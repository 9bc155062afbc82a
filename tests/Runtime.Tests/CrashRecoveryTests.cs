using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Durable;
using Pipeline.Runtime.Store;
using Pipeline.Runtime.Tests.Samples;
using Pipeline.Runtime.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Runtime.Tests;

public sealed class CrashRecoveryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pipeline-runtime-").FullName;

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(11)]
    public async Task Restart_AfterCrashWithKOfNCompleted_CompletesWithoutRerunningCompletedActivities(int completedBeforeCrash)
    {
        const int total = 12;
        var path = Path.Combine(_directory, $"crash-{completedBeforeCrash}.db");
        var log = new ExecutionLog();
        var gate = new ActivityGate { BlockAt = completedBeforeCrash };

        using (var store = new SqliteHistoryStore(path))
        {
            var first = new TestRuntime(SampleCatalog.Create(), store, log: log, services: s => s.AddSingleton(gate));
            await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GatedSequenceWorkflow), total, new StartOrchestrationOptions("crash-job"));
            await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await first.Runtime.AbortAsync();
            await first.DisposeAsync();
        }

        using var reopened = new SqliteHistoryStore(path);
        await using var second = new TestRuntime(SampleCatalog.Create(), reopened, log: log, services: s => s.AddSingleton(new ActivityGate()));
        var result = await second.CompleteAsync("crash-job");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(Enumerable.Range(0, total).Sum() * 10, result.ReadOutputAs<int>());
        for (var i = 0; i < total; i++)
        {
            // The one activity in flight at the crash runs again (at least once); every completed one never does.
            Assert.Equal(i == completedBeforeCrash ? 2 : 1, log.Count($"step-{i}"));
        }
    }

    [Fact]
    public async Task Restart_OnSameSqliteFile_KeepsCompletedInstancesAndEntities()
    {
        var path = Path.Combine(_directory, "keep.db");
        using (var store = new SqliteHistoryStore(path))
        {
            await using var first = new TestRuntime(SampleCatalog.Create(), store);
            await first.RunAsync(nameof(EntityWorkflow), "kept", "kept-1");
        }

        using var reopened = new SqliteHistoryStore(path);
        await using var second = new TestRuntime(SampleCatalog.Create(), reopened);

        var instance = await second.Client.GetInstanceAsync("kept-1", getInputsAndOutputs: true);
        Assert.Equal(12, instance!.ReadOutputAs<int>());
        var entity = await second.Client.Entities.GetEntityAsync<CounterState>(new EntityInstanceId(nameof(CounterEntity), "kept"));
        Assert.Equal(12, entity!.State.Total);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
