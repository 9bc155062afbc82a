using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Pipeline.Analyzers.Tests;

/// <summary>
/// Compiles C# in memory against the runtime and the Durable Task SDK's abstractions and runs the determinism
/// analyzer, or the SDK's own analyzers (Microsoft.DurableTask.Analyzers).
/// </summary>
internal static class AnalyzerHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> DefaultReferences = new(LoadReferences);

    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> SdkAnalyzerSet = new(LoadSdkAnalyzers);

    public static ImmutableArray<MetadataReference> References => DefaultReferences.Value;

    /// <summary>Runtime assemblies only: no Durable Task SDK, so no orchestrator types.</summary>
    public static ImmutableArray<MetadataReference> RuntimeReferences { get; } = LoadRuntimeReferences();

    public static ImmutableArray<DiagnosticAnalyzer> SdkAnalyzers => SdkAnalyzerSet.Value;

    public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source)
        => AnalyzeAsync([CSharpSyntaxTree.ParseText(source, path: "SampleWorkflow.cs")], References);

    public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(
        IReadOnlyList<SyntaxTree> trees,
        ImmutableArray<MetadataReference> references)
        => RunAsync(trees, references, [new WorkflowDeterminismAnalyzer()]);

    /// <summary>The diagnostics of the SDK's analyzers alone.</summary>
    public static Task<ImmutableArray<Diagnostic>> AnalyzeWithSdkAsync(string source)
        => RunAsync([CSharpSyntaxTree.ParseText(source, path: "SampleWorkflow.cs")], References, SdkAnalyzers);

    private static async Task<ImmutableArray<Diagnostic>> RunAsync(
        IReadOnlyList<SyntaxTree> trees,
        ImmutableArray<MetadataReference> references,
        ImmutableArray<DiagnosticAnalyzer> analyzers)
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
            .WithAnalyzers(analyzers, options)
            .GetAnalyzerDiagnosticsAsync();

        Assert.True(exceptions.IsEmpty, "An analyzer threw:\n" + string.Join("\n", exceptions));
        return diagnostics;
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
        => RuntimeReferences
            .Add(MetadataReference.CreateFromFile(typeof(Microsoft.DurableTask.TaskOrchestrationContext).Assembly.Location))
            .Add(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location));

    private static ImmutableArray<MetadataReference> LoadRuntimeReferences()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return [.. trusted
            .Where(path => string.Equals(Path.GetDirectoryName(path), runtimeDirectory, StringComparison.Ordinal))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }

    private static ImmutableArray<DiagnosticAnalyzer> LoadSdkAnalyzers()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "sdk-analyzers", "Microsoft.DurableTask.Analyzers.dll");
        Assert.True(File.Exists(path), "The SDK's analyzer assembly is missing: " + path);
        var analyzers = new AnalyzerFileReference(path, new AssemblyLoader()).GetAnalyzers(LanguageNames.CSharp);
        Assert.NotEmpty(analyzers);
        return analyzers;
    }

    private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }
}
