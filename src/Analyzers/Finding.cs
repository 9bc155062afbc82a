using Microsoft.CodeAnalysis;

namespace Pipeline.Analyzers;

/// <summary>A forbidden use found in an operation: the rule and the message arguments.</summary>
internal sealed class Finding
{
    public Finding(DiagnosticDescriptor rule, string api, string advice, string? sdkRule = null)
    {
        Rule = rule;
        Api = api;
        Advice = advice;
        SdkRule = sdkRule;
    }

    public DiagnosticDescriptor Rule { get; }

    public string Api { get; }

    public string Advice { get; }

    /// <summary>The Durable Task SDK rule that reports the same use where the SDK probes, or null.</summary>
    public string? SdkRule { get; }

    public Finding WithoutSdkRule() => SdkRule is null ? this : new Finding(Rule, Api, Advice);
}
