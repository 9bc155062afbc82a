using Pipeline.Domain.Durable;

namespace Pipeline.Standalone.Telemetry;

public static class InstrumentedCatalog
{
    /// <summary>The catalog with every activity wrapped in <see cref="InstrumentedActivity{TActivity}"/>, under its own name.</summary>
    public static DurableCatalog Instrument(DurableCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var instrumented = new DurableCatalog();
        foreach (var entry in catalog.Entries)
        {
            var type = entry.Kind == DurableFunctionKind.Activity && !IsInstrumented(entry.Type)
                ? typeof(InstrumentedActivity<>).MakeGenericType(entry.Type)
                : entry.Type;
            instrumented.Add(type, entry.Kind, entry.Name);
        }

        return instrumented;
    }

    private static bool IsInstrumented(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(InstrumentedActivity<>);
}
