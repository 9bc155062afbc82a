using Pipeline.Domain.Durable;

namespace Pipeline.Worker;

public static class DurableCatalogExtensions
{
    /// <summary>Every entry of Pipeline's catalog, under its own name, as the engine registers it.</summary>
    public static DurableTaskCatalog ToEngineCatalog(this DurableCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var engine = new DurableTaskCatalog();
        foreach (var entry in catalog.Entries)
        {
            _ = entry.Kind switch
            {
                DurableFunctionKind.Orchestrator => engine.AddOrchestrator(entry.Name, entry.Type),
                DurableFunctionKind.Activity => engine.AddActivity(entry.Name, entry.Type),
                DurableFunctionKind.Entity => engine.AddEntity(entry.Name, entry.Type),
                _ => throw new ArgumentOutOfRangeException(nameof(catalog), entry.Kind, $"Unknown kind of catalog entry '{entry.Name}'."),
            };
        }

        return engine;
    }
}
