using Microsoft.CodeAnalysis.CSharp;

namespace Pipeline.Analyzers.Tests;

public sealed class WorkflowScopeTests
{
    [Fact]
    public Task Analyze_ApiInLambdaInsideWorkflow_ReportsInsideTheLambda()
        => Expect.DiagnosticsAtMarksAsync(
            Snippets.InWorkflow("var ids = new[] { 1, 2 }.Select(_ => [|Random.Shared|].Next()).ToList();"),
            DeterminismDiagnostics.NonDeterministicApiId);

    [Fact]
    public Task Analyze_ApiInAsyncLambdaInsideWorkflow_Reports()
        => Expect.DiagnosticsAtMarksAsync(
            Snippets.InWorkflow("Func<Task> wait = async () => await context.CallActivityAsync(\"A\").[|ConfigureAwait(false)|]; await wait();"),
            DeterminismDiagnostics.NonDeterministicApiId);

    [Fact]
    public Task Analyze_ApiInLocalFunctionInsideWorkflow_Reports()
        => Expect.DiagnosticsAtMarksAsync(
            Snippets.InWorkflow("long Ticks() => [|Stopwatch.GetTimestamp()|]; var ticks = Ticks();"),
            DeterminismDiagnostics.NonDeterministicApiId);

    [Fact]
    public Task Analyze_IoInStaticLocalFunctionInsideWorkflow_Reports()
        => Expect.DiagnosticsAtMarksAsync(
            Snippets.InWorkflow("static string Read() => [|File.ReadAllText(\"a.txt\")|]; var text = Read();"),
            DeterminismDiagnostics.IoId);

    [Fact]
    public Task Analyze_ApiInTypeNestedInWorkflow_Reports()
        => Expect.DiagnosticsAtMarksAsync(
            Snippets.Prelude + """
            namespace Samples
            {
                public sealed class OuterWorkflow : TaskOrchestrator<int, int>
                {
                    public override Task<int> RunAsync(TaskOrchestrationContext context, int input) => Task.FromResult(Helper.Next());

                    private static class Helper
                    {
                        public static int Next() => [|Environment.TickCount|];
                    }
                }
            }
            """,
            DeterminismDiagnostics.NonDeterministicApiId);

    [Fact]
    public Task Analyze_DirectIWorkflowImplementation_Reports()
        => Expect.DiagnosticsAtMarksAsync(
            Snippets.Prelude + """
            namespace Samples
            {
                public sealed class RawWorkflow : ITaskOrchestrator
                {
                    public Type InputType => typeof(string);

                    public Type OutputType => typeof(string);

                    public Task<object?> RunAsync(TaskOrchestrationContext context, object? input)
                        => Task.FromResult<object?>([|Stopwatch.GetTimestamp()|]);
                }
            }
            """,
            DeterminismDiagnostics.NonDeterministicApiId);

    [Fact]
    public Task Analyze_WorkflowThroughIntermediateBaseClass_Reports()
        => Expect.DiagnosticsAtMarksAsync(
            Snippets.Prelude + """
            namespace Samples
            {
                public abstract class StageTaskOrchestrator<T> : TaskOrchestrator<T, T>
                {
                    protected static Guid Stamp() => [|Guid.CreateVersion7()|];
                }

                public sealed class ImagesWorkflow : StageTaskOrchestrator<string>
                {
                    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
                    {
                        await context.CallActivityAsync("A").[|ConfigureAwait(false)|];
                        return input + Stamp();
                    }
                }
            }
            """,
            DeterminismDiagnostics.NonDeterministicApiId);

    [Fact]
    public Task Analyze_FieldInitializerInWorkflow_Reports()
        => Expect.DiagnosticsAtMarksAsync(
            Snippets.Prelude + """
            namespace Samples
            {
                public sealed class StampedWorkflow : TaskOrchestrator<string, string>
                {
                    private readonly Guid stamp = [|Guid.NewGuid()|];

                    public override Task<string> RunAsync(TaskOrchestrationContext context, string input)
                        => Task.FromResult(input + stamp);
                }
            }
            """,
            DeterminismDiagnostics.NonDeterministicApiId);

    [Fact]
    public async Task Analyze_PartialWorkflowWithBaseDeclaredInOtherFile_ReportsInBothParts()
    {
        var first = MarkedSource.Parse(Snippets.Prelude + """
            namespace Samples
            {
                public sealed partial class SplitWorkflow : TaskOrchestrator<string, string>
                {
                    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => Task.FromResult(Now().ToString());
                }
            }
            """);
        var second = MarkedSource.Parse("""
            using System.Diagnostics;

            namespace Samples;

            public sealed partial class SplitWorkflow
            {
                private static long Now() => [|Stopwatch.GetTimestamp()|];
            }
            """);
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(
            [CSharpSyntaxTree.ParseText(first.Text, path: "SplitWorkflow.cs"), CSharpSyntaxTree.ParseText(second.Text, path: "SplitWorkflow.Clock.cs")],
            AnalyzerHarness.References);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(DeterminismDiagnostics.NonDeterministicApiId, diagnostic.Id);
        Assert.Equal("SplitWorkflow.Clock.cs", diagnostic.Location.SourceTree!.FilePath);
        Assert.Equal(second.Spans[0], diagnostic.Location.SourceSpan);
    }

    [Fact]
    public Task Analyze_CleanWorkflowUsingOnlyTheContext_ReportsNothing()
        => Expect.NoDiagnosticsAsync(Snippets.Prelude + """
            namespace Samples
            {
                public sealed record Item(string Id);

                public sealed class CleanWorkflow : TaskOrchestrator<IReadOnlyList<Item>, int>
                {
                    private const int Window = 4;

                    public override async Task<int> RunAsync(TaskOrchestrationContext context, IReadOnlyList<Item> input)
                    {
                        var logger = context.CreateReplaySafeLogger(nameof(CleanWorkflow));
                        var started = context.CurrentUtcDateTime;
                        var runId = context.NewGuid();
                        var done = 0;
                        foreach (var batch in input.Chunk(Window))
                        {
                            var results = await Task.WhenAll(batch.Select(item => context.CallActivityAsync<bool>("Generate", item)));
                            done += results.Count(ok => ok);
                            context.SetCustomStatus(new { done, total = input.Count, runId });
                        }

                        await context.CreateTimer(started.AddSeconds(1), CancellationToken.None);
                        var approved = await context.WaitForExternalEvent<bool>("Approved", TimeSpan.FromHours(1));
                        return approved ? done : 0;
                    }
                }
            }
            """);

    [Fact]
    public Task Analyze_GeneratedCodeInWorkflow_ReportsNothing()
        => Expect.NoDiagnosticsAsync("// <auto-generated/>\n" + Snippets.InWorkflow("var random = new Random();"));

    [Fact]
    public Task Analyze_LookalikeOrchestratorInOtherNamespace_ReportsNothing()
        => Expect.NoDiagnosticsAsync(Snippets.Prelude + """
            namespace Other
            {
                public interface ITaskOrchestrator
                {
                }

                public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
                {
                }

                public sealed class NotAWorkflow : TaskOrchestrator<string, string>
                {
                    public long Now() => Stopwatch.GetTimestamp();
                }
            }
            """);

    [Fact]
    public async Task Analyze_CompilationWithoutDurableTaskSdk_ReportsNothing()
    {
        var source = """
            using System.Diagnostics;

            public sealed class Clock
            {
                public long Now() => Stopwatch.GetTimestamp();
            }
            """;

        var diagnostics = await AnalyzerHarness.AnalyzeAsync([CSharpSyntaxTree.ParseText(source)], AnalyzerHarness.RuntimeReferences);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public Task Analyze_PlainClassCalledFromWorkflow_ReportsOnlyTheWorkflow()
        => Expect.DiagnosticsAtMarksAsync(
            Snippets.Prelude + """
            namespace Samples
            {
                public static class Clock
                {
                    public static long Ticks() => Stopwatch.GetTimestamp();
                }

                public sealed class CallerWorkflow : TaskOrchestrator<string, string>
                {
                    public override Task<string> RunAsync(TaskOrchestrationContext context, string input)
                        => Task.FromResult((Clock.Ticks() + [|Stopwatch.GetTimestamp()|]).ToString());
                }
            }
            """,
            DeterminismDiagnostics.NonDeterministicApiId);
}
