using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipeline.Domain;
using Pipeline.Domain.Durable;

namespace Pipeline.Functions.Tests;

/// <summary>src/Functions declares exactly one function per workflow, activity and entity of the catalog, of the right trigger kind.</summary>
public sealed class DurableFunctionsTests
{
    private static readonly Dictionary<DurableFunctionKind, string> TriggerOf = new()
    {
        [DurableFunctionKind.Orchestrator] = "OrchestrationTrigger",
        [DurableFunctionKind.Activity] = "ActivityTrigger",
        [DurableFunctionKind.Entity] = "EntityTrigger",
    };

    public static TheoryData<string> CatalogNames => [.. PipelineCatalog.Create().Entries.Select(e => e.Name)];

    private static IEnumerable<FunctionMethod> DurableFunctions
        => FunctionSource.Functions.Where(f => f.Triggers.Any(t => TriggerOf.ContainsValue(t.Trigger)));

    [Fact]
    public void Sources_Parse_WithoutSyntaxErrors()
    {
        Assert.Empty(FunctionSource.SyntaxErrors.Select(d => d.ToString()));
    }

    [Theory]
    [MemberData(nameof(CatalogNames))]
    public void CatalogEntry_HasExactlyOneFunction_WithItsTriggerKind(string name)
    {
        var entry = PipelineCatalog.Create().Entries.Single(e => e.Name == name);

        var functions = FunctionSource.Functions.Where(f => f.NameofTarget == entry.Type.Name).ToList();

        var function = Assert.Single(functions);
        var trigger = Assert.Single(function.Triggers);
        Assert.Equal(TriggerOf[entry.Kind], trigger.Trigger);
    }

    [Fact]
    public void DurableFunctions_AreAllInTheCatalog()
    {
        var catalog = PipelineCatalog.Create().Entries.Select(e => (e.Type.Name, TriggerOf[e.Kind])).ToHashSet();

        var extra = DurableFunctions
            .Where(f => !catalog.Contains((f.NameofTarget ?? f.NameArgument.ToString(), f.Triggers.Single().Trigger)))
            .Select(f => $"{f.File}: {f.FunctionAttribute}")
            .ToList();

        Assert.Empty(extra);
    }

    [Fact]
    public void Functions_Names_ComeFromNameof()
    {
        var literal = FunctionSource.Functions.Where(f => f.NameofTarget is null).Select(f => $"{f.File}: {f.FunctionAttribute}").ToList();

        Assert.NotEmpty(FunctionSource.Functions);
        Assert.Empty(literal);
    }

    [Fact]
    public void Functions_Names_AreUnique()
    {
        var duplicates = FunctionSource.Functions.GroupBy(f => f.NameofTarget, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.Empty(duplicates);
    }

    [Fact]
    public void OrchestratorFunctions_RunTheirWorkflow_WithItsInputTypeAndOutputType()
    {
        var problems = new List<string>();
        foreach (var entry in PipelineCatalog.Create().Entries.Where(e => e.Kind == DurableFunctionKind.Orchestrator))
        {
            var function = FunctionSource.Functions.Single(f => f.NameofTarget == entry.Type.Name);
            var workflow = (IWorkflow)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(entry.Type);
            var body = function.Method.ExpressionBody?.Expression.ToString() ?? string.Empty;
            var expected = $"new {entry.Type.Name}().RunAsync(new OrchestrationContextAdapter(context), context.GetInput<{workflow.InputType.Name}>()!)";
            if (!string.Equals(Normalize(body), Normalize(expected), StringComparison.Ordinal))
            {
                problems.Add($"{function.File}: body '{body}', expected '{expected}'");
            }

            var output = workflow.OutputType.IsGenericType
                ? $"{workflow.OutputType.Name[..workflow.OutputType.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", workflow.OutputType.GetGenericArguments().Select(a => a.Name))}>"
                : workflow.OutputType.Name;
            if (function.Method.ReturnType.ToString() != $"Task<{output}>")
            {
                problems.Add($"{function.File}: returns {function.Method.ReturnType}, expected Task<{output}>");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void EntityFunctions_DispatchTheirDomainEntity_ThroughTheAdapter()
    {
        var problems = new List<string>();
        foreach (var entry in PipelineCatalog.Create().Entries.Where(e => e.Kind == DurableFunctionKind.Entity))
        {
            var function = FunctionSource.Functions.Single(f => f.NameofTarget == entry.Type.Name);
            var trigger = function.Triggers.Single();
            var body = function.Method.ExpressionBody?.Expression.ToString() ?? string.Empty;
            if (trigger.Parameter.Type?.ToString() != "TaskEntityDispatcher")
            {
                problems.Add($"{function.File}: the entity trigger binds {trigger.Parameter.Type}, expected TaskEntityDispatcher");
            }

            if (!body.Contains($"new EntityAdapter(ActivatorUtilities.CreateInstance<{entry.Type.Name}>(", StringComparison.Ordinal))
            {
                problems.Add($"{function.File}: body '{body}' does not dispatch {entry.Type.Name} through EntityAdapter");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void ActivityFunctions_RunTheirActivity_WithItsInputType()
    {
        var problems = new List<string>();
        foreach (var entry in PipelineCatalog.Create().Entries.Where(e => e.Kind == DurableFunctionKind.Activity))
        {
            var function = FunctionSource.Functions.Single(f => f.NameofTarget == entry.Type.Name);
            var activity = (IActivity)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(entry.Type);
            var trigger = function.Triggers.Single();
            var body = function.Method.ExpressionBody?.Expression.ToString() ?? string.Empty;
            if (trigger.Parameter.Type?.ToString() != activity.InputType.Name)
            {
                problems.Add($"{function.File}: the activity trigger binds {trigger.Parameter.Type}, expected {activity.InputType.Name}");
            }

            if (!body.Contains($"{entry.Type.Name}>(", StringComparison.Ordinal) || !body.Contains(".RunAsync(", StringComparison.Ordinal))
            {
                problems.Add($"{function.File}: body '{body}' does not run {entry.Type.Name}");
            }
        }

        Assert.Empty(problems);
    }

    private static string Normalize(string code) => string.Concat(code.Where(c => !char.IsWhiteSpace(c)));
}
