using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace Pipeline.Analyzers;

/// <summary>
/// Decides whether a symbol's code is workflow code: it is declared in a type that implements
/// <c>Pipeline.Domain.Durable.IWorkflow</c> (directly or through a base class), or nested in one.
/// Lambdas and local functions belong to the member that declares them.
/// </summary>
internal sealed class WorkflowScope
{
    public const string WorkflowInterfaceMetadataName = "Pipeline.Domain.Durable.IWorkflow";

    private readonly INamedTypeSymbol _workflowInterface;
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _isWorkflowType = new(SymbolEqualityComparer.Default);

    public WorkflowScope(INamedTypeSymbol workflowInterface) => _workflowInterface = workflowInterface;

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

        var result = SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _workflowInterface);
        foreach (var implemented in type.AllInterfaces)
        {
            result |= SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, _workflowInterface);
        }

        _isWorkflowType.TryAdd(type, result);
        return result;
    }
}
