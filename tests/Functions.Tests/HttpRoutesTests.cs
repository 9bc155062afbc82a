using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pipeline.Functions.Tests;

/// <summary>Every route of the HTTP contract has one HTTP trigger with its method and route, key-protected; nothing extra.</summary>
public sealed partial class HttpRoutesTests
{
    /// <summary>The routes of the HTTP API contract (method, route under the <c>api</c> prefix).</summary>
    public static TheoryData<string, string> ContractRoutes => new()
    {
        { "POST", "jobs/{type}" },
        { "GET", "jobs/{id}" },
        { "GET", "jobs" },
        { "POST", "jobs/{id}/cancel" },
        { "POST", "jobs/{id}/retry" },
        { "GET", "jobs/{id}/assets/{assetId}" },
        { "DELETE", "jobs/{id}" },
    };

    private static IEnumerable<(FunctionMethod Function, string Method, string Route, string Authorization)> HttpTriggers
        => FunctionSource.Functions
            .SelectMany(f => f.Triggers.Where(t => t.Trigger == "HttpTrigger").Select(t => (f, t.Attribute)))
            .SelectMany(x => x.Attribute.ArgumentList!.Arguments
                .Where(a => a.NameEquals is null && a.Expression is Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax)
                .Select(a => (x.f, Method: ((Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax)a.Expression).Token.ValueText.ToUpperInvariant(),
                    Route: FunctionSource.NamedArgument(x.Attribute, "Route") ?? string.Empty,
                    Authorization: x.Attribute.ArgumentList.Arguments[0].Expression.ToString())));

    [Theory]
    [MemberData(nameof(ContractRoutes))]
    public void ContractRoute_HasExactlyOneHttpTrigger_BindingEveryRouteParameter(string method, string route)
    {
        var triggers = HttpTriggers.Where(t => t.Method == method && t.Route == route).ToList();

        var trigger = Assert.Single(triggers);
        var parameters = trigger.Function.Method.ParameterList.Parameters.Select(p => p.Identifier.Text).ToHashSet();
        Assert.All(RouteParameter().Matches(route).Select(m => m.Groups[1].Value), name => Assert.Contains(name, parameters));
    }

    [Fact]
    public void HttpTriggers_AreAllInTheContract()
    {
        var contract = ContractRoutes.Select(r => ((string)r[0], (string)r[1])).ToHashSet();

        var extra = HttpTriggers.Where(t => !contract.Contains((t.Method, t.Route))).Select(t => $"{t.Function.File}: {t.Method} {t.Route}").ToList();

        Assert.Empty(extra);
    }

    [Fact]
    public void HttpTriggers_RequireAFunctionKey()
    {
        var triggers = HttpTriggers.ToList();

        Assert.NotEmpty(triggers);
        Assert.All(triggers, t => Assert.Equal("AuthorizationLevel.Function", t.Authorization));
    }

    [Fact]
    public void HttpTriggers_GetTheDurableClient_AndCallTheSharedHandlers()
    {
        var problems = FunctionSource.Functions
            .Where(f => f.Triggers.Any(t => t.Trigger == "HttpTrigger"))
            .Where(f => !f.Method.ParameterList.Parameters.Any(p => p.AttributeLists.SelectMany(l => l.Attributes).Any(a => FunctionMethod.AttributeName(a) == "DurableClient"))
                || f.Method.ExpressionBody?.Expression.ToString().Contains("api.", StringComparison.Ordinal) != true)
            .Select(f => f.File)
            .ToList();

        Assert.Empty(problems);
    }

    [Fact]
    public void HostJson_RoutePrefix_IsApi()
    {
        using var host = JsonDocument.Parse(RepositoryFiles.Read("host.json"));

        Assert.Equal("api", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex RouteParameter();
}
