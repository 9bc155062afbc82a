using System.Reflection;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipeline.Domain.Durable;

namespace Pipeline.Functions.Tests;

/// <summary>The adapters over the Durable Task SDK stay one expression per member: anything bigger belongs in Domain.</summary>
public sealed class AdapterTests
{
    /// <summary>The few members that cannot be one expression: exception translation and an async iterator.</summary>
    private static readonly HashSet<string> Statements = ["DurableTaskMapping.Translate", "DurableClientAdapter.GetAllInstancesAsync"];

    [Fact]
    public void AdapterMembers_AreSingleExpressions()
    {
        var members = FunctionSource.TypesIn("Adapters").SelectMany(t => t.Members.Select(m => (Type: t.Identifier.Text, Member: m))).ToList();

        var bodies = members
            .Where(m => m.Member switch
            {
                MethodDeclarationSyntax method => method.Body is not null && !Statements.Contains($"{m.Type}.{method.Identifier.Text}"),
                PropertyDeclarationSyntax property => property.AccessorList?.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null) == true,
                ConstructorDeclarationSyntax => true,
                FieldDeclarationSyntax => true,
                _ => false,
            })
            .Select(m => $"{m.Type}: {m.Member.ToString().Split('\n')[0].Trim()}")
            .ToList();

        Assert.NotEmpty(members);
        Assert.Empty(bodies);
    }

    [Fact]
    public void StatementMembers_StayShort()
    {
        var methods = FunctionSource.TypesIn("Adapters")
            .SelectMany(t => t.Members.OfType<MethodDeclarationSyntax>().Where(m => Statements.Contains($"{t.Identifier.Text}.{m.Identifier.Text}")))
            .ToList();

        Assert.Equal(3, methods.Count);
        Assert.All(methods, m => Assert.InRange(m.Body!.Statements.Count, 1, 2));
    }

    [Theory]
    [InlineData(typeof(IOrchestrationContext), "OrchestrationContextAdapter")]
    [InlineData(typeof(IOrchestrationEntities), "OrchestrationEntitiesAdapter")]
    [InlineData(typeof(IDurableClient), "DurableClientAdapter")]
    [InlineData(typeof(IDurableEntityClient), "DurableEntityClientAdapter")]
    [InlineData(typeof(EntityOperation), "EntityOperationAdapter")]
    public void Adapter_ImplementsEveryMemberOfItsPort(Type port, string adapter)
    {
        var declared = FunctionSource.Type(adapter).Members
            .Select(m => m switch
            {
                MethodDeclarationSyntax method => $"{method.Identifier.Text}<{method.TypeParameterList?.Parameters.Count ?? 0}>/{method.ParameterList.Parameters.Count}",
                PropertyDeclarationSyntax property => property.Identifier.Text,
                _ => null,
            })
            .OfType<string>()
            .ToList();
        var required = port.GetMembers(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => port.IsInterface || m is MethodInfo { IsAbstract: true } || m is PropertyInfo { GetMethod.IsAbstract: true })
            .Select(m => m switch
            {
                MethodInfo { IsSpecialName: false } method => $"{method.Name}<{method.GetGenericArguments().Length}>/{method.GetParameters().Length}",
                PropertyInfo property => property.Name,
                _ => null,
            })
            .OfType<string>()
            .ToList();

        // Overloads share a key (name, type parameters, parameters): the adapter declares each as often as the port does.
        Assert.NotEmpty(required);
        Assert.Empty(required.GroupBy(k => k).Where(g => declared.Count(d => d == g.Key) != g.Count()).Select(g => g.Key));
    }

    [Fact]
    public void WorkflowCode_CatchesDomainTaskFailures_SoTheContextTranslatesEveryTaskCall()
    {
        var adapter = FunctionSource.Type("OrchestrationContextAdapter");
        var calls = adapter.Members.OfType<MethodDeclarationSyntax>()
            .Where(m => m.Identifier.Text is "CallActivityAsync" or "CallSubOrchestratorAsync")
            .ToList();

        Assert.Equal(3, calls.Count);
        Assert.All(calls, m => Assert.StartsWith("DurableTaskMapping.Translate(", m.ExpressionBody!.Expression.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void RetryPolicy_MapsDomainsFailurePredicate()
    {
        var mapping = FunctionSource.Type("DurableTaskMapping").ToString();

        Assert.Contains("HandleTaskFailureDetails = failure => policy.HandleFailure?.Invoke(failure.ToDomain()) ?? true", mapping, StringComparison.Ordinal);
        Assert.Equal(typeof(Func<TaskFailureDetails, bool>), typeof(Domain.Durable.RetryPolicy).GetProperty(nameof(Domain.Durable.RetryPolicy.HandleFailure))!.PropertyType);
    }
}
