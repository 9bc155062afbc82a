using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pipeline.Functions.Tests;

/// <summary>One <c>[Function(...)]</c> method of src/Functions, read from its syntax.</summary>
internal sealed record FunctionMethod(string File, string ClassName, MethodDeclarationSyntax Method, AttributeSyntax FunctionAttribute)
{
    /// <summary>The argument of <c>[Function(...)]</c> as written, e.g. <c>nameof(FanOutChunkWorkflow)</c>.</summary>
    public ExpressionSyntax NameArgument => FunctionAttribute.ArgumentList!.Arguments[0].Expression;

    /// <summary>The identifier inside <c>nameof(...)</c>, or null when the name is not a <c>nameof</c>.</summary>
    public string? NameofTarget => NameArgument is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "nameof" } } call
        ? call.ArgumentList.Arguments[0].Expression.ToString().Split('.')[^1]
        : null;

    /// <summary>The trigger attribute on a parameter (e.g. <c>OrchestrationTrigger</c>), without the Attribute suffix.</summary>
    public IReadOnlyList<(string Trigger, AttributeSyntax Attribute, ParameterSyntax Parameter)> Triggers => Method.ParameterList.Parameters
        .SelectMany(p => p.AttributeLists.SelectMany(l => l.Attributes).Select(a => (Trigger: AttributeName(a), Attribute: a, Parameter: p)))
        .Where(t => t.Trigger.EndsWith("Trigger", StringComparison.Ordinal))
        .ToList();

    public static string AttributeName(AttributeSyntax attribute)
    {
        var name = attribute.Name.ToString().Split('.')[^1];
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
    }
}

internal static class FunctionSource
{
    public static IReadOnlyList<SyntaxTree> Trees { get; } = Directory
        .EnumerateFiles(RepositoryFiles.FunctionsProject, "*.cs", SearchOption.AllDirectories)
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
        .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), path: Path.GetRelativePath(RepositoryFiles.Root, f)))
        .ToList();

    public static IReadOnlyList<FunctionMethod> Functions { get; } = Trees
        .SelectMany(t => t.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
        .SelectMany(m => m.AttributeLists.SelectMany(l => l.Attributes)
            .Where(a => FunctionMethod.AttributeName(a) == "Function")
            .Select(a => new FunctionMethod(m.SyntaxTree.FilePath, ((TypeDeclarationSyntax)m.Parent!).Identifier.Text, m, a)))
        .ToList();

    public static IReadOnlyList<Diagnostic> SyntaxErrors => Trees
        .SelectMany(t => t.GetDiagnostics())
        .Where(d => d.Severity == DiagnosticSeverity.Error)
        .ToList();

    public static TypeDeclarationSyntax Type(string name) => Trees
        .SelectMany(t => t.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>())
        .Single(t => t.Identifier.Text == name);

    public static IEnumerable<TypeDeclarationSyntax> TypesIn(string folder) => Trees
        .Where(t => t.FilePath.Replace('\\', '/').StartsWith($"src/Functions/{folder}/", StringComparison.Ordinal))
        .SelectMany(t => t.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>());

    public static string? StringArgument(AttributeSyntax attribute, int position)
        => attribute.ArgumentList?.Arguments.Where(a => a.NameEquals is null).ElementAtOrDefault(position)?.Expression is LiteralExpressionSyntax literal
            ? literal.Token.ValueText
            : null;

    public static string? NamedArgument(AttributeSyntax attribute, string name)
        => attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == name)?.Expression is LiteralExpressionSyntax literal
            ? literal.Token.ValueText
            : null;
}
