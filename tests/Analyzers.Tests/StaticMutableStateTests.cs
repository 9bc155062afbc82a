namespace Pipeline.Analyzers.Tests;

public sealed class StaticMutableStateTests
{
    public static TheoryData<string> StaticMutableFieldUses => new()
    {
        "var count = [|Shared.Counter|];",
        "[|Shared.Counter|]++;",
        "[|Shared.Counter|] = input.Length;",
        "Interlocked.Increment(ref [|Shared.Counter|]);",
    };

    [Theory]
    [MemberData(nameof(StaticMutableFieldUses))]
    public Task Analyze_StaticMutableFieldInWorkflow_ReportsPipe0003AtTheField(string body)
        => Expect.DiagnosticsAtMarksAsync(Snippets.InWorkflow(body), DeterminismDiagnostics.StaticMutableStateId);

    [Theory]
    [MemberData(nameof(StaticMutableFieldUses))]
    public Task Analyze_StaticMutableFieldInPlainClass_ReportsNothing(string body)
        => Expect.NoDiagnosticsAsync(Snippets.InPlainClass(body));

    [Theory]
    [InlineData("var value = Shared.Fixed;")]
    [InlineData("var value = Shared.Constant;")]
    [InlineData("var empty = string.Empty;")]
    public Task Analyze_ReadonlyOrConstFieldInWorkflow_ReportsNothing(string body)
        => Expect.NoDiagnosticsAsync(Snippets.InWorkflow(body));

    [Theory]
    [InlineData("var count = Shared.Counter;", "Workflow code reads the static mutable field 'Shared.Counter': keep state in locals, the workflow input or an activity result")]
    [InlineData("Shared.Counter = 1;", "Workflow code writes the static mutable field 'Shared.Counter': keep state in locals, the workflow input or an activity result")]
    public async Task Analyze_StaticMutableFieldInWorkflow_MessageSaysReadOrWrite(string body, string message)
    {
        var diagnostic = await Expect.SingleDiagnosticAsync(Snippets.InWorkflow(body));

        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
