using Pipeline.Domain;
using Pipeline.Domain.Durable;

namespace Pipeline.Functions.Tests;

/// <summary>
/// Each durable function is the one line the Durable Task source generator would write for its class: a function
/// named <c>nameof(X)</c> that runs X, never another task.
/// </summary>
public sealed class FunctionSourceTests
{
    [Fact]
    public void Functions_Names_ComeFromNameof()
    {
        var literal = FunctionSource.Functions.Where(f => f.NameofTarget is null).Select(f => $"{f.File}: {f.FunctionAttribute}").ToList();

        Assert.NotEmpty(FunctionSource.Functions);
        Assert.Empty(literal);
    }

    [Fact]
    public void DurableFunctions_RunTheTaskTheyAreNamedAfter()
    {
        var problems = new List<string>();
        foreach (var entry in PipelineCatalog.Create().Entries)
        {
            var function = Assert.Single(FunctionSource.Functions, f => f.NameofTarget == entry.Type.Name);
            var body = function.Method.ExpressionBody?.Expression.ToString() ?? string.Empty;
            var expected = entry.Kind switch
            {
                DurableFunctionKind.Orchestrator => $"new {entry.Type.Name}().RunAsync(context, context.GetInput<",
                DurableFunctionKind.Activity => $"context.Activate<{entry.Type.Name}>().RunAsync(new FunctionActivityContext(context, instanceId), input)",
                _ => $".DispatchAsync<{entry.Type.Name}>()",
            };
            if (!body.Contains(expected, StringComparison.Ordinal))
            {
                problems.Add($"{function.File}: '{body}' does not contain '{expected}'");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void DurableFunctions_LiveInTheFolderOfTheirKind()
    {
        var folder = new Dictionary<DurableFunctionKind, string>
        {
            [DurableFunctionKind.Orchestrator] = "Orchestrators",
            [DurableFunctionKind.Activity] = "Activities",
            [DurableFunctionKind.Entity] = "Entities",
        };

        var misplaced = PipelineCatalog.Create().Entries
            .Select(e => (Entry: e, Function: FunctionSource.Functions.Single(f => f.NameofTarget == e.Type.Name)))
            .Where(x => x.Function.File.Replace('\\', '/') != $"src/Functions/{folder[x.Entry.Kind]}/{x.Entry.Type.Name}Function.cs")
            .Select(x => x.Function.File)
            .ToList();

        Assert.Empty(misplaced);
    }
}
