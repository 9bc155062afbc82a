using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pipeline.Functions.Tests;

/// <summary>
/// Every route of the HTTP contract (API.md) is one HTTP function in functions.metadata, with its method and route,
/// key-protected, bound to the durable client; nothing extra.
/// </summary>
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

    private static IEnumerable<(FunctionEntry Function, JsonElement Trigger, string Method, string Route)> HttpTriggers
        => FunctionsOutput.Functions
            .SelectMany(f => f.BindingsOfType("httpTrigger").Select(t => (Function: f, Trigger: t)))
            .SelectMany(x => x.Trigger.GetProperty("methods").EnumerateArray()
                .Select(m => (x.Function, x.Trigger, m.GetString()!.ToUpperInvariant(), x.Trigger.GetProperty("route").GetString() ?? string.Empty)));

    [Theory]
    [MemberData(nameof(ContractRoutes))]
    public void ContractRoute_HasExactlyOneHttpFunction_WithTheDurableClient_BindingEveryRouteParameter(string method, string route)
    {
        var trigger = Assert.Single(HttpTriggers, t => t.Method == method && t.Route == route);

        var client = Assert.Single(trigger.Function.BindingsOfType("durableClient"));
        Assert.Equal("In", client.GetProperty("direction").GetString());
        Assert.Equal(typeof(Microsoft.DurableTask.Client.DurableTaskClient), trigger.Function.ParameterFor(client).ParameterType);
        var parameters = trigger.Function.Method.GetParameters().Select(p => p.Name).ToHashSet();
        Assert.All(RouteParameter().Matches(route).Select(m => m.Groups[1].Value), name => Assert.Contains(name, parameters));
    }

    [Fact]
    public void HttpTriggers_AreAllInTheContract()
    {
        var contract = ContractRoutes.Select(r => ((string)r[0], (string)r[1])).ToHashSet();

        var extra = HttpTriggers.Where(t => !contract.Contains((t.Method, t.Route))).Select(t => $"{t.Function.Name}: {t.Method} {t.Route}").ToList();

        Assert.Empty(extra);
    }

    [Fact]
    public void HttpTriggers_RequireAFunctionKey()
    {
        var triggers = HttpTriggers.ToList();

        Assert.NotEmpty(triggers);
        Assert.All(triggers, t => Assert.Equal("Function", t.Trigger.GetProperty("authLevel").GetString(), ignoreCase: true));
    }

    [Fact]
    public void HttpFunctions_CallTheSharedHandlers_OverTheBoundClient()
    {
        var problems = FunctionSource.Functions
            .Where(f => f.Triggers.Any(t => t.Trigger == "HttpTrigger"))
            .Where(f => f.Method.ExpressionBody?.Expression.ToString().Contains("api.For(client).", StringComparison.Ordinal) != true)
            .Select(f => f.File)
            .ToList();

        Assert.Equal(ContractRoutes.Count, FunctionSource.Functions.Count(f => f.Triggers.Any(t => t.Trigger == "HttpTrigger")));
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
