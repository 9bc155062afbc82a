using Pipeline.Deployment.Tests.Arm;

namespace Pipeline.Deployment.Tests;

[Collection(BicepTemplateCollection.Name)]
public sealed class MonitoringTests(BicepTemplateFixture fixture)
{
    private ArmTemplate Template => fixture.Template;

    [Fact]
    public void AppInsights_Component_IsWorkspaceBased()
    {
        var appInsights = Template.One(Resources.AppInsights);
        var workspace = Template.One(Resources.Workspace);

        Assert.Equal(workspace.Id, appInsights.Get("properties", "WorkspaceResourceId").Canonical);
    }

    [Fact]
    public void FailedJobsAlert_Query_CountsJobEndedFailedLogLines()
    {
        var rule = AlertWhoseQueryContains("ended Failed");

        var query = Query(rule);
        Assert.StartsWith("traces", query.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("message startswith \"Job \"", query, StringComparison.Ordinal);
        AssertRunsOnAppInsights(rule);
        Assert.Equal(new ArmValue.Number(0), rule.Get("properties", "criteria", "allOf", "0", "threshold"));
        Assert.Equal("GreaterThan", rule.Get("properties", "criteria", "allOf", "0", "operator").AsText);
    }

    [Fact]
    public void ActivityFailuresAlert_Query_CountsFailedDurableActivityExecutionsIn15Minutes()
    {
        var rule = AlertWhoseQueryContains("prop__functionType");

        var query = Query(rule);
        Assert.Contains("\"Host.Triggers.DurableTask\"", query, StringComparison.Ordinal);
        Assert.Contains("prop__functionType) == \"Activity\"", query, StringComparison.Ordinal);
        Assert.Contains("prop__state) == \"Failed\"", query, StringComparison.Ordinal);
        Assert.Contains("prop__isReplay", query, StringComparison.Ordinal);
        Assert.Equal("PT15M", rule.Get("properties", "windowSize").AsText);
        Assert.Equal(new ArmValue.Symbol("parameters('activityFailureThreshold')"), rule.Get("properties", "criteria", "allOf", "0", "threshold"));
        AssertRunsOnAppInsights(rule);
    }

    [Fact]
    public void AlertRules_Actions_NotifyTheConfiguredActionGroup()
    {
        var rules = Template.OfType(Resources.ScheduledQueryRule);

        Assert.Equal(2, rules.Count);
        foreach (var rule in rules)
        {
            var groups = rule.Get("properties", "actions", "actionGroups").Canonical;
            Assert.Contains("parameters('actionGroupResourceId')", groups, StringComparison.Ordinal);
            Assert.Contains("resourceId('Microsoft.Insights/actionGroups'", groups, StringComparison.Ordinal);
        }
    }

    private ArmResource AlertWhoseQueryContains(string text)
        => Assert.Single(Template.OfType(Resources.ScheduledQueryRule), r => Query(r).Contains(text, StringComparison.Ordinal));

    private static string Query(ArmResource rule) => rule.Get("properties", "criteria", "allOf", "0", "query").AsText;

    private void AssertRunsOnAppInsights(ArmResource rule)
    {
        var scope = Assert.Single(rule.Array("properties", "scopes"));
        Assert.Equal(Template.One(Resources.AppInsights).Id, scope.Canonical);
        Assert.Equal("LogAlert", rule.Get("kind").AsText);
    }
}
