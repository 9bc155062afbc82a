using Microsoft.CodeAnalysis.CSharp;

namespace Pipeline.Analyzers.Tests;

public sealed class WorkflowScopeTests
{
    [Fact]
    public Task Analyze_ApiInLambdaInsideWorkflow_ReportsInsideTheLambda()
        => Expect.DiagnosticsAtMarksAsync(
            Snippets.InWorkflow("var ids = new[] { 1, 2 }.Select(_ => [|Guid.NewGuid()|]).ToList();"),
            DeterminismDiagnostics.NonDeterministicApiId);

    [Fact]
    public Task Analyze_ApiInAsyncLambdaInsideWorkflow_Reports()
        => Expect.DiagnosticsAtMarksAsync(
            Snippets.InWorkflow("Func<Task> wait = async () => await [|Task.Delay(5)|]; await wait();"),
            DeterminismDiagnostics.NonDeterministicApiId);

    [Fact]
    public Task Analyze_ApiInLocalFunctionInsideWorkflow_Reports()
        => Expect.DiagnosticsAtMarksAsync(
            Snippets.InWorkflow("int Second() => [|DateTime.UtcNow|].Second; var second = Second();"),
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
                public sealed class OuterWorkflow : Workflow<int, int>
                {
                    public override Task<int> RunAsync(IOrchestrationContext context, int input) => Task.FromResult(Helper.Next());

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
                public sealed class RawWorkflow : IWorkflow
                {
                    public Type InputType => typeof(string);

                    public Type OutputType => typeof(string);

                    public Task<object?> RunAsync(IOrchestrationContext context, object? input)
                        => Task.FromResult<object?>([|DateTimeOffset.UtcNow|]);
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
                public abstract class StageWorkflow<T> : Workflow<T, T>
                {
                    protected static Guid Stamp() => [|Guid.NewGuid()|];
                }

                public sealed class ImagesWorkflow : StageWorkflow<string>
                {
                    public override async Task<string> RunAsync(IOrchestrationContext context, string input)
                    {
                        await [|Task.Delay(1)|];
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
                public sealed class StampedWorkflow : Workflow<string, string>
                {
                    private readonly Guid stamp = [|Guid.NewGuid()|];

                    public override Task<string> RunAsync(IOrchestrationContext context, string input)
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
                public sealed partial class SplitWorkflow : Workflow<string, string>
                {
                    public override Task<string> RunAsync(IOrchestrationContext context, string input) => Task.FromResult(Now().ToString());
                }
            }
            """);
        var second = MarkedSource.Parse("""
            using System;

            namespace Samples;

            public sealed partial class SplitWorkflow
            {
                private static DateTime Now() => [|DateTime.UtcNow|];
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

                public sealed class CleanWorkflow : Workflow<IReadOnlyList<Item>, int>
                {
                    private const int Window = 4;

                    public override async Task<int> RunAsync(IOrchestrationContext context, IReadOnlyList<Item> input)
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
        => Expect.NoDiagnosticsAsync("// <auto-generated/>\n" + Snippets.InWorkflow("var now = DateTime.UtcNow;"));

    [Fact]
    public Task Analyze_LookalikeIWorkflowInOtherNamespace_ReportsNothing()
        => Expect.NoDiagnosticsAsync(Snippets.Prelude + """
            namespace Other
            {
                public interface IWorkflow
                {
                }

                public sealed class NotAWorkflow : IWorkflow
                {
                    public DateTime Now() => DateTime.UtcNow;
                }
            }
            """);

    [Fact]
    public async Task Analyze_CompilationWithoutPipelineDomain_ReportsNothing()
    {
        var source = """
            using System;

            public sealed class Clock
            {
                public DateTime Now() => DateTime.UtcNow;
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
                    public static DateTime Now() => DateTime.UtcNow;
                }

                public sealed class CallerWorkflow : Workflow<string, string>
                {
                    public override Task<string> RunAsync(IOrchestrationContext context, string input)
                        => Task.FromResult(Clock.Now().ToString() + [|DateTime.Now|]);
                }
            }
            """,
            DeterminismDiagnostics.NonDeterministicApiId);
}
