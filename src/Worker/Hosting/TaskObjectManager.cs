using DurableTask.Core;

namespace Pipeline.Worker.Hosting;

/// <summary>
/// DurableTask.Core's registry of task objects (its own <c>NameVersionObjectManager</c> is internal). Keys are names
/// only, compared case-insensitively as SDK task names are; SDK tasks carry no versions.
/// </summary>
internal sealed class TaskObjectManager<T> : INameVersionObjectManager<T>
{
    private readonly Dictionary<string, ObjectCreator<T>> creators = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Names => creators.Keys;

    public void Add(ObjectCreator<T> creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        if (!creators.TryAdd(creator.Name, creator))
        {
            throw new InvalidOperationException($"A {typeof(T).Name} named '{creator.Name}' is already registered.");
        }
    }

    /// <summary>A new object for <paramref name="name"/>, or null (DurableTask.Core then fails the work item as a missing type).</summary>
    public T? GetObject(string name, string? version)
        => creators.TryGetValue(name, out var creator) ? creator.Create() : default;
}
