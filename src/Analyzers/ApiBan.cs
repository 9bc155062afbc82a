using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Pipeline.Analyzers;

/// <summary>Which uses of one type a rule forbids in workflow code.</summary>
internal sealed class ApiBan
{
    private readonly ImmutableHashSet<string> _members;
    private readonly bool _anyMember;
    private readonly bool _staticMembers;
    private readonly bool _construction;
    private readonly Func<IMethodSymbol, bool>? _constructorFilter;

    private ApiBan(
        DiagnosticDescriptor rule,
        string advice,
        ImmutableHashSet<string> members,
        bool anyMember,
        bool staticMembers,
        bool construction,
        bool includeDerived,
        Func<IMethodSymbol, bool>? constructorFilter,
        string? sdkRule)
    {
        Rule = rule;
        Advice = advice;
        _members = members;
        _anyMember = anyMember;
        _staticMembers = staticMembers;
        _construction = construction;
        IncludeDerived = includeDerived;
        _constructorFilter = constructorFilter;
        SdkRule = sdkRule;
    }

    public DiagnosticDescriptor Rule { get; }

    /// <summary>What to use instead (PIPE0001 only).</summary>
    public string Advice { get; }

    /// <summary>True when the ban also covers types derived from the banned one.</summary>
    public bool IncludeDerived { get; }

    /// <summary>
    /// The Durable Task SDK rule (DURABLE000n) that already reports this use in the methods it probes, or null when
    /// the SDK's analyzers never report it.
    /// </summary>
    public string? SdkRule { get; }

    /// <summary>The named members only.</summary>
    public static ApiBan Members(DiagnosticDescriptor rule, string advice, params string[] members)
        => new(rule, advice, ImmutableHashSet.Create(StringComparer.Ordinal, members), false, false, false, false, null, null);

    /// <summary>The named members only, which the SDK's rule <paramref name="sdkRule"/> reports too.</summary>
    public static ApiBan SdkMembers(DiagnosticDescriptor rule, string sdkRule, string advice, params string[] members)
        => new(rule, advice, ImmutableHashSet.Create(StringComparer.Ordinal, members), false, false, false, false, null, sdkRule);

    /// <summary>Every static member (the type is a static entry point such as ThreadPool).</summary>
    public static ApiBan StaticMembers(DiagnosticDescriptor rule, string advice, bool construction = false)
        => new(rule, advice, ImmutableHashSet<string>.Empty, false, true, construction, false, null, null);

    /// <summary>Constructing the type, optionally only through the constructors that <paramref name="filter"/> accepts.</summary>
    public static ApiBan Construction(DiagnosticDescriptor rule, string advice, Func<IMethodSymbol, bool>? filter = null)
        => new(rule, advice, ImmutableHashSet<string>.Empty, false, false, true, false, filter, null);

    /// <summary>Any use of the type or of a type derived from it: construction, members, receivers.</summary>
    public static ApiBan AnyUse(DiagnosticDescriptor rule, string advice, bool includeDerived = false, string? sdkRule = null)
        => new(rule, advice, ImmutableHashSet<string>.Empty, true, false, true, includeDerived, null, sdkRule);

    public bool MatchesMember(ISymbol member)
        => _anyMember || (_staticMembers && member.IsStatic) || _members.Contains(member.Name);

    public bool MatchesConstruction(IMethodSymbol constructor)
        => _construction && (_constructorFilter is null || _constructorFilter(constructor));
}
