using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace Pipeline.Analyzers;

/// <summary>
/// Decides whether a symbol's code is workflow code: it is declared in a Durable Task orchestrator, a type that
/// derives from <c>Microsoft.DurableTask.TaskOrchestrator&lt;TInput, TOutput&gt;</c> or implements
/// <c>Microsoft.DurableTask.ITaskOrchestrator</c> (directly or through a base class), or in a type nested in one.
/// Lambdas and local functions belong to the member that declares them.
/// </summary>
internal sealed class WorkflowScope
{
    public const string OrchestratorBaseMetadataName = "Microsoft.DurableTask.TaskOrchestrator`2";

    public const string OrchestratorInterfaceMetadataName = "Microsoft.DurableTask.ITaskOrchestrator";

    private readonly INamedTypeSymbol? _orchestratorBase;
    private readonly INamedTypeSymbol? _orchestratorInterface;
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _isWorkflowType = new(SymbolEqualityComparer.Default);

    private WorkflowScope(INamedTypeSymbol? orchestratorBase, INamedTypeSymbol? orchestratorInterface)
    {
        _orchestratorBase = orchestratorBase;
        _orchestratorInterface = orchestratorInterface;
    }

    /// <summary>The scope for <paramref name="compilation"/>, or null when it cannot see the Durable Task SDK.</summary>
    public static WorkflowScope? Create(Compilation compilation)
    {
        var orchestratorBase = compilation.GetTypeByMetadataName(OrchestratorBaseMetadataName);
        var orchestratorInterface = compilation.GetTypeByMetadataName(OrchestratorInterfaceMetadataName);
        return orchestratorBase is null && orchestratorInterface is null
            ? null
            : new WorkflowScope(orchestratorBase, orchestratorInterface);
    }

    /// <summary>
    /// True when the SDK's orchestration analyzers inspect code owned by <paramref name="symbol"/>: they start at an
    /// orchestrator's methods that take the context and follow invoked methods, so they see ordinary method bodies
    /// (with their lambdas and local functions) but never constructors, field or property initializers or accessors.
    /// </summary>
    public static bool IsProbedBySdk(ISymbol symbol)
    {
        while (symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction } inner
            && inner.ContainingSymbol is { } outer)
        {
            symbol = outer;
        }

        return symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation };
    }

    public bool Contains(ISymbol symbol)
    {
        for (var type = symbol as INamedTypeSymbol ?? symbol.ContainingType; type is not null; type = type.ContainingType)
        {
            if (IsWorkflowType(type))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsWorkflowType(INamedTypeSymbol type)
    {
        if (_isWorkflowType.TryGetValue(type, out var known))
        {
            return known;
        }

        var result = false;
        for (var current = type; current is not null && !result; current = current.BaseType)
        {
            result = SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, _orchestratorBase);
        }

        if (!result && _orchestratorInterface is not null)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                result |= SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, _orchestratorInterface);
            }
        }

        _isWorkflowType.TryAdd(type, result);
        return result;
    }
}
