using Microsoft.CodeAnalysis;

namespace Pipeline.Analyzers.Tests;

/// <summary>
/// Runs the Durable Task SDK's own analyzers (Microsoft.DurableTask.Analyzers, as referenced by Pipeline.Domain) on
/// the same sources: what PIPE0001–0003 leave to the SDK, the SDK reports, and what they keep, the SDK does not.
/// A new SDK version that changes either side fails here.
/// </summary>
public sealed class SdkCoverageTests
{
    private static readonly string[] DeterminismRules =
        ["DURABLE0001", "DURABLE0002", "DURABLE0003", "DURABLE0004", "DURABLE0005", "DURABLE0006"];

    [Theory]
    [MemberData(nameof(NonDeterministicApiTests.ApisTheSdkReports), MemberType = typeof(NonDeterministicApiTests))]
    public async Task Sdk_ApiLeftToTheSdkInRunMethod_IsReported(string body)
    {
        var diagnostics = await SdkDeterminismDiagnosticsAsync(Snippets.InWorkflow(body));

        Assert.NotEmpty(diagnostics);
    }

    [Theory]
    [MemberData(nameof(IoTests.IoTheSdkReports), MemberType = typeof(IoTests))]
    public async Task Sdk_IoLeftToTheSdkInRunMethod_IsReportedAsDurable0005(string body)
    {
        var diagnostics = await SdkDeterminismDiagnosticsAsync(Snippets.InWorkflow(body));

        Assert.Contains(diagnostics, d => d.Id == "DURABLE0005");
    }

    [Theory]
    [MemberData(nameof(NonDeterministicApiTests.ApisTheSdkLacks), MemberType = typeof(NonDeterministicApiTests))]
    [MemberData(nameof(IoTests.IoTheSdkLacks), MemberType = typeof(IoTests))]
    [MemberData(nameof(StaticMutableStateTests.StaticMutableFieldUses), MemberType = typeof(StaticMutableStateTests))]
    public async Task Sdk_UseKeptByPipelineRules_IsNotReported(string body)
    {
        var diagnostics = await SdkDeterminismDiagnosticsAsync(MarkedSource.Parse(Snippets.InWorkflow(body)).Text);

        Assert.Empty(diagnostics);
    }

    [Theory]
    [MemberData(nameof(NonDeterministicApiTests.SdkReportedApisAsExpressions), MemberType = typeof(NonDeterministicApiTests))]
    public async Task Sdk_ApiInFieldInitializerOrProperty_IsNotReported(string type, string expression)
    {
        var text = MarkedSource.Parse(expression).Text;

        Assert.Empty(await SdkDeterminismDiagnosticsAsync(Snippets.InWorkflowFieldInitializer(type, text)));
        Assert.Empty(await SdkDeterminismDiagnosticsAsync(Snippets.InWorkflowProperty(type, text)));
    }

    [Fact]
    public async Task Sdk_ApiInHelperInvokedFromRunMethod_IsReported()
    {
        var diagnostics = await SdkDeterminismDiagnosticsAsync(Snippets.Prelude + """
            namespace Samples
            {
                public static class Clock
                {
                    public static DateTime Now() => DateTime.UtcNow;
                }

                public sealed class CallerWorkflow : TaskOrchestrator<string, string>
                {
                    public override Task<string> RunAsync(TaskOrchestrationContext context, string input)
                        => Task.FromResult(Clock.Now().ToString());
                }
            }
            """);

        Assert.Equal("DURABLE0001", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public void Sdk_OrchestrationRules_AreDurable0001To0011()
    {
        var ids = AnalyzerHarness.SdkAnalyzers
            .SelectMany(a => a.SupportedDiagnostics)
            .Where(d => d.Category == "Orchestration" && d.Id.StartsWith("DURABLE00", StringComparison.Ordinal))
            .Select(d => d.Id)
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(Enumerable.Range(1, 11).Select(n => "DURABLE" + n.ToString("0000", System.Globalization.CultureInfo.InvariantCulture)), ids);
    }

    private static async Task<IReadOnlyList<Diagnostic>> SdkDeterminismDiagnosticsAsync(string source)
        => [.. (await AnalyzerHarness.AnalyzeWithSdkAsync(source)).Where(d => DeterminismRules.Contains(d.Id))];
}
