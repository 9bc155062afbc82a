using Pipeline.Runtime.Testing;
using Pipeline.Runtime.Tests.Samples;
using Pipeline.Runtime.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Runtime.Tests;

public sealed class ReplayTests
{
    [Theory]
    [InlineData(nameof(SequenceThenFanOutWorkflow), "\"r\"")]
    [InlineData(nameof(RetryWorkflow), "\"r\"")]
    [InlineData(nameof(ParentWorkflow), "\"r\"")]
    [InlineData(nameof(TimerWorkflow), "5")]
    [InlineData(nameof(ApprovalWorkflow), "1")]
    [InlineData(nameof(GuidWorkflow), "\"r\"")]
    [InlineData(nameof(EntityWorkflow), "\"r\"")]
    public async Task Replay_RecordedHistory_IssuesIdenticalCommands(string workflow, string inputJson)
    {
        await using var host = new TestRuntime(SampleCatalog.Create());
        var entry = SampleCatalog.Create().Get(workflow, Domain.Durable.DurableFunctionKind.Orchestrator);
        var input = System.Text.Json.JsonSerializer.Deserialize(inputJson, ((Domain.Durable.IWorkflow)Activator.CreateInstance(entry.Type)!).InputType);
        await host.RunAsync(workflow, input, "replayed");

        var replay = WorkflowReplayer.Replay((Domain.Durable.IWorkflow)Activator.CreateInstance(entry.Type)!, workflow, "replayed", host.Runtime.GetHistory("replayed")!);

        Assert.NotEmpty(replay.RecordedCommands);
        Assert.Equal(replay.RecordedCommands, replay.ReplayedCommands);
        Assert.True(replay.IsDeterministic);
    }

    [Fact]
    public async Task Replay_ChangedWorkflow_ReportsDivergence()
    {
        await using var host = new TestRuntime(SampleCatalog.Create());
        await host.RunAsync(nameof(ChildWorkflow), "c", "replayed");

        var replay = WorkflowReplayer.Replay(new RenamedActivityWorkflow(), nameof(ChildWorkflow), "replayed", host.Runtime.GetHistory("replayed")!);

        Assert.False(replay.IsDeterministic);
        Assert.Contains("OtherActivity", replay.Failure!.ErrorMessage, StringComparison.Ordinal);
    }
}
