using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Pipeline.Domain;
using Pipeline.Domain.Durable;

namespace Pipeline.Functions.Tests;

/// <summary>
/// The functions the build declared to the host (functions.metadata): exactly one per catalog entry, named after its
/// type, with the trigger of its kind, bound to the types its workflow, activity or entity takes and returns.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Dictionary<DurableFunctionKind, string> TriggerOf = new()
    {
        [DurableFunctionKind.Orchestrator] = "orchestrationTrigger",
        [DurableFunctionKind.Activity] = "activityTrigger",
        [DurableFunctionKind.Entity] = "entityTrigger",
    };

    public static TheoryData<string> CatalogNames => [.. PipelineCatalog.Create().Entries.Select(e => e.Name)];

    [Theory]
    [MemberData(nameof(CatalogNames))]
    public void CatalogEntry_HasExactlyOneFunction_WithOnlyItsTrigger(string name)
    {
        var entry = PipelineCatalog.Create().Entries.Single(e => e.Name == name);

        var function = Assert.Single(FunctionsOutput.Functions, f => f.Name == entry.Type.Name);

        var binding = Assert.Single(function.Bindings);
        Assert.Equal(TriggerOf[entry.Kind], binding.GetProperty("type").GetString());
        Assert.Equal("In", binding.GetProperty("direction").GetString());
    }

    [Theory]
    [MemberData(nameof(CatalogNames))]
    public void CatalogEntry_Function_BindsTheTypesOfItsTask(string name)
    {
        var entry = PipelineCatalog.Create().Entries.Single(e => e.Name == name);
        var function = FunctionsOutput.Functions.Single(f => f.Name == entry.Type.Name);

        var trigger = function.ParameterFor(function.Bindings.Single()).ParameterType;
        var returns = function.Method.ReturnType;

        switch (entry.Kind)
        {
            case DurableFunctionKind.Orchestrator:
                var (orchestrationInput, orchestrationOutput) = TypeArguments(entry.Type, typeof(TaskOrchestrator<,>));
                Assert.Equal(typeof(TaskOrchestrationContext), trigger);
                Assert.Equal(typeof(Task<>).MakeGenericType(orchestrationOutput), returns);
                Assert.NotNull(orchestrationInput);
                break;
            case DurableFunctionKind.Activity:
                var (activityInput, activityOutput) = TypeArguments(entry.Type, typeof(TaskActivity<,>));
                Assert.Equal(activityInput, trigger);
                Assert.Equal(typeof(Task<>).MakeGenericType(activityOutput), returns);
                Assert.Contains(function.Method.GetParameters(), p => p.Name == "instanceId" && p.ParameterType == typeof(string));
                break;
            default:
                Assert.Equal(typeof(TaskEntityDispatcher), trigger);
                Assert.Equal(typeof(Task), returns);
                break;
        }
    }

    [Fact]
    public void DurableFunctions_AreAllInTheCatalog_WithTheirKind()
    {
        var catalog = PipelineCatalog.Create().Entries.Select(e => (e.Name, TriggerOf[e.Kind])).ToHashSet();

        var extra = FunctionsOutput.Functions
            .SelectMany(f => f.Bindings.Select(b => (f.Name, Type: b.GetProperty("type").GetString()!)))
            .Where(b => TriggerOf.ContainsValue(b.Type) && !catalog.Contains(b))
            .ToList();

        Assert.NotEmpty(FunctionsOutput.Functions);
        Assert.Empty(extra);
    }

    [Fact]
    public void Functions_AreTheCatalogAndTheHttpRoutes_NothingElse()
    {
        var expected = PipelineCatalog.Create().Entries.Count + HttpRoutesTests.ContractRoutes.Count;

        Assert.Equal(expected, FunctionsOutput.Functions.Count);
        Assert.Equal(FunctionsOutput.Functions.Count, FunctionsOutput.Functions.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void ExtensionsJson_RegistersTheDurableTaskExtension_ShippedInTheOutput()
    {
        var durable = Assert.Single(FunctionsOutput.Extensions.GetProperty("extensions").EnumerateArray(), e => e.GetProperty("name").GetString() == "DurableTask");

        Assert.StartsWith("Microsoft.Azure.WebJobs.Extensions.DurableTask.", durable.GetProperty("typeName").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(FunctionsOutput.Directory, durable.GetProperty("hintPath").GetString()!)));
    }

    private static (Type Input, Type Output) TypeArguments(Type type, Type openBase)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == openBase)
            {
                return (current.GetGenericArguments()[0], current.GetGenericArguments()[1]);
            }
        }

        throw new InvalidOperationException($"{type} does not derive from {openBase}.");
    }
}
