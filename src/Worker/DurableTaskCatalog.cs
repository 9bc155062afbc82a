using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;

namespace Pipeline.Worker;

/// <summary>
/// The orchestrators, activities and entities an engine runs, by name. Every worker on a task hub must register the
/// same catalog. Names compare case-insensitively, as the SDK's <see cref="TaskName"/> does (entity names arrive
/// lower-cased in entity instance ids).
/// </summary>
public sealed class DurableTaskCatalog
{
    private readonly Dictionary<string, Type> orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Type> activities = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Type> entities = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, Type> Orchestrators => orchestrators;

    public IReadOnlyDictionary<string, Type> Activities => activities;

    public IReadOnlyDictionary<string, Type> Entities => entities;

    /// <summary>Registers <paramref name="type"/> (an <see cref="ITaskOrchestrator"/>) under <paramref name="name"/>.</summary>
    public DurableTaskCatalog AddOrchestrator(string name, Type type) => Add(orchestrators, "orchestrator", name, type, typeof(ITaskOrchestrator));

    /// <summary>Registers <paramref name="type"/> (an <see cref="ITaskActivity"/>) under <paramref name="name"/>.</summary>
    public DurableTaskCatalog AddActivity(string name, Type type) => Add(activities, "activity", name, type, typeof(ITaskActivity));

    /// <summary>Registers <paramref name="type"/> (an <see cref="ITaskEntity"/>) under <paramref name="name"/>.</summary>
    public DurableTaskCatalog AddEntity(string name, Type type) => Add(entities, "entity", name, type, typeof(ITaskEntity));

    /// <summary>Registers <typeparamref name="T"/> under its type name.</summary>
    public DurableTaskCatalog AddOrchestrator<T>()
        where T : class, ITaskOrchestrator => AddOrchestrator(typeof(T).Name, typeof(T));

    /// <summary>Registers <typeparamref name="T"/> under its type name.</summary>
    public DurableTaskCatalog AddActivity<T>()
        where T : class, ITaskActivity => AddActivity(typeof(T).Name, typeof(T));

    /// <summary>Registers <typeparamref name="T"/> under its type name.</summary>
    public DurableTaskCatalog AddEntity<T>()
        where T : class, ITaskEntity => AddEntity(typeof(T).Name, typeof(T));

    private DurableTaskCatalog Add(Dictionary<string, Type> registry, string kind, string name, Type type, Type contract)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(type);
        if (!contract.IsAssignableFrom(type) || type.IsAbstract || type.IsInterface)
        {
            throw new ArgumentException($"The {kind} '{name}' must be a concrete type implementing {contract.Name}; {type.FullName} is not.", nameof(type));
        }

        if (!registry.TryAdd(name, type))
        {
            throw new ArgumentException($"An {kind} named '{name}' is already registered ({registry[name].FullName}).", nameof(name));
        }

        return this;
    }
}
