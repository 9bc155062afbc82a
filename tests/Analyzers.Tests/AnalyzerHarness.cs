using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Pipeline.Analyzers.Tests;

/// <summary>Compiles C# in memory against the runtime and Pipeline.Domain and runs the determinism analyzer.</summary>
internal static class AnalyzerHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> DefaultReferences = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => DefaultReferences.Value;

    /// <summary>Runtime assemblies only: no Pipeline.Domain, so no IWorkflow.</summary>
    public static ImmutableArray<MetadataReference> RuntimeReferences { get; } = LoadRuntimeReferences();

    public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source)
        => AnalyzeAsync([CSharpSyntaxTree.ParseText(source, path: "SampleWorkflow.cs")], References);

    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(
        IReadOnlyList<SyntaxTree> trees,
        ImmutableArray<MetadataReference> references)
    {
        var compilation = CSharpCompilation.Create(
            "Snippet",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The test source does not compile:\n" + string.Join("\n", errors));

        var exceptions = new ConcurrentQueue<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            (exception, _, _) => exceptions.Enqueue(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation
            .WithAnalyzers([new WorkflowDeterminismAnalyzer()], options)
            .GetAnalyzerDiagnosticsAsync();

        Assert.True(exceptions.IsEmpty, "The analyzer threw:\n" + string.Join("\n", exceptions));
        return diagnostics;
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
        => RuntimeReferences
            .Add(MetadataReference.CreateFromFile(typeof(Pipeline.Domain.Durable.IWorkflow).Assembly.Location))
            .Add(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location));

    private static ImmutableArray<MetadataReference> LoadRuntimeReferences()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return [.. trusted
            .Where(path => string.Equals(Path.GetDirectoryName(path), runtimeDirectory, StringComparison.Ordinal))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}
