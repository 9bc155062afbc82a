using Microsoft.CodeAnalysis;

namespace Pipeline.Analyzers.Tests;

/// <summary>Assertions over the analyzer's diagnostics for marked sources.</summary>
internal static class Expect
{
    /// <summary>Exactly one error with <paramref name="id"/> at each marked span, and nothing else.</summary>
    public static async Task DiagnosticsAtMarksAsync(string markup, string id)
    {
        var source = MarkedSource.Parse(markup);
        Assert.NotEmpty(source.Spans);

        var diagnostics = await AnalyzerHarness.AnalyzeAsync(source.Text);

        var actual = diagnostics
            .Select(d => (d.Id, d.Severity, Text: source.Text.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)))
            .OrderBy(d => d.Text, StringComparer.Ordinal)
            .ToList();
        var expected = source.Spans
            .Select(s => (Id: id, Severity: DiagnosticSeverity.Error, Text: source.Text.Substring(s.Start, s.Length)))
            .OrderBy(d => d.Text, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(
            source.Spans.Select(s => s.Start).Order(),
            diagnostics.Select(d => d.Location.SourceSpan.Start).Order());
    }

    public static async Task NoDiagnosticsAsync(string markup)
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(MarkedSource.Parse(markup).Text);
        Assert.Empty(diagnostics);
    }

    public static async Task<Diagnostic> SingleDiagnosticAsync(string source)
        => Assert.Single(await AnalyzerHarness.AnalyzeAsync(source));
}
