using Microsoft.CodeAnalysis;

namespace Pipeline.Analyzers;

/// <summary>A forbidden use found in an operation: the rule and the message arguments.</summary>
internal sealed class Finding
{
    public Finding(DiagnosticDescriptor rule, string api, string advice)
    {
        Rule = rule;
        Api = api;
        Advice = advice;
    }

    public DiagnosticDescriptor Rule { get; }

    public string Api { get; }

    public string Advice { get; }
}
