using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;

namespace Pipeline.Domain.Durable;

/// <summary>
/// Every workflow, activity and entity by name. Every host reads it: the standalone engine registers each entry on its
/// task hub worker, and the Azure Functions app declares one function per entry (a test keeps them in step). Names are the type names (<c>nameof</c>).
/// </summary>
public sealed class DurableCatalog
{
    private readonly Dictionary<string, DurableCatalogEntry> _entries = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<DurableCatalogEntry> Entries => _entries.Values;

    public DurableCatalog AddWorkflow<TWorkflow>()
        where TWorkflow : ITaskOrchestrator
        => Add(typeof(TWorkflow), DurableFunctionKind.Orchestrator);

    public DurableCatalog AddActivity<TActivity>()
        where TActivity : ITaskActivity
        => Add(typeof(TActivity), DurableFunctionKind.Activity);

    public DurableCatalog AddEntity<TEntity>()
        where TEntity : ITaskEntity
        => Add(typeof(TEntity), DurableFunctionKind.Entity);

    /// <summary>Registers a type under its own name, or under <paramref name="name"/> (for versioning tests and renames).</summary>
    public DurableCatalog Add(Type type, DurableFunctionKind kind, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        name ??= type.Name;
        if (_entries.TryGetValue(name, out var existing) && existing.Type != type)
        {
            throw new InvalidOperationException($"Two durable functions are named '{name}': {existing.Type.FullName} and {type.FullName}.");
        }

        _entries[name] = new DurableCatalogEntry(name, kind, type);
        return this;
    }

    public DurableCatalogEntry Get(string name, DurableFunctionKind kind)
        => _entries.TryGetValue(name, out var entry) && entry.Kind == kind
            ? entry
            : throw new KeyNotFoundException($"No {kind.ToString().ToLowerInvariant()} named '{name}' is registered.");

    public bool TryGet(string name, out DurableCatalogEntry? entry) => _entries.TryGetValue(name, out entry);
}
