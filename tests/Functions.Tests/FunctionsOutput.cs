using System.Reflection;
using System.Text.Json;

namespace Pipeline.Functions.Tests;

/// <summary>One function of the generated <c>functions.metadata</c>: its name, entry point and bindings.</summary>
internal sealed record FunctionEntry(string Name, string EntryPoint, IReadOnlyList<JsonElement> Bindings)
{
    public IEnumerable<JsonElement> BindingsOfType(string type)
        => Bindings.Where(b => string.Equals(b.GetProperty("type").GetString(), type, StringComparison.Ordinal));

    /// <summary>The method the worker invokes (<c>Namespace.Type.Method</c> in the app's assembly).</summary>
    public MethodInfo Method
    {
        get
        {
            var split = EntryPoint.LastIndexOf('.');
            var type = typeof(FunctionsServiceCollectionExtensions).Assembly.GetType(EntryPoint[..split], throwOnError: true)!;
            return type.GetMethod(EntryPoint[(split + 1)..], BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance)!;
        }
    }

    public ParameterInfo ParameterFor(JsonElement binding)
        => Method.GetParameters().Single(p => p.Name == binding.GetProperty("name").GetString());
}

/// <summary>What the Functions SDK wrote into the Functions app's output folder during this build.</summary>
internal static class FunctionsOutput
{
    /// <summary>The output folder of the referenced Functions project, recorded in this assembly at build time.</summary>
    public static string Directory { get; } = typeof(FunctionsOutput).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "FunctionsOutputDirectory").Value!;

    public static IReadOnlyList<FunctionEntry> Functions { get; } = ReadFunctions();

    public static JsonElement Extensions { get; } = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "extensions.json"))).RootElement;

    private static List<FunctionEntry> ReadFunctions()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "functions.metadata")));
        return metadata.RootElement.EnumerateArray()
            .Select(f => new FunctionEntry(
                f.GetProperty("name").GetString()!,
                f.GetProperty("entryPoint").GetString()!,
                f.GetProperty("bindings").EnumerateArray().Select(b => b.Clone()).ToList()))
            .ToList();
    }
}
