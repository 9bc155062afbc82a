using System.Text.Json;

namespace Pipeline.Functions.Tests;

/// <summary>host.json agrees with the infrastructure: the task hub setting, the log category the alert reads, the backend.</summary>
public sealed class HostJsonTests
{
    private static JsonElement Root { get; } = JsonDocument.Parse(RepositoryFiles.Read("host.json")).RootElement;

    private static JsonElement DurableTask => Root.GetProperty("extensions").GetProperty("durableTask");

    [Fact]
    public void HubName_ComesFromTheTaskHubNameAppSetting()
    {
        Assert.Equal("%TaskHubName%", DurableTask.GetProperty("hubName").GetString());
        Assert.Contains("name: 'TaskHubName'", RepositoryFiles.Read("infra", "bicep", "modules", "functionApp.bicep"), StringComparison.Ordinal);
    }

    [Fact]
    public void StorageProvider_IsAzureStorage_OnTheHostConnection()
    {
        var provider = DurableTask.GetProperty("storageProvider");

        Assert.Equal("AzureStorage", provider.GetProperty("type").GetString());
        Assert.Equal("AzureWebJobsStorage", provider.GetProperty("connectionName").GetString());
    }

    [Fact]
    public void DurableTaskTrackingLogs_StayAtInformation_ForTheActivityFailureAlert()
    {
        var levels = Root.GetProperty("logging").GetProperty("logLevel");

        Assert.Equal("Information", levels.GetProperty("Host.Triggers.DurableTask").GetString());
        var excluded = Root.GetProperty("logging").GetProperty("applicationInsights").GetProperty("samplingSettings").GetProperty("excludedTypes").GetString() ?? string.Empty;
        Assert.Contains("Trace", excluded.Split(';'));
        Assert.Contains("Host.Triggers.DurableTask", RepositoryFiles.Read("infra", "bicep", "modules", "alerts.bicep"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("maxConcurrentActivityFunctions")]
    [InlineData("maxConcurrentOrchestratorFunctions")]
    public void Concurrency_IsBounded(string setting)
    {
        Assert.InRange(DurableTask.GetProperty(setting).GetInt32(), 1, 1000);
    }

    [Fact]
    public void ExtendedSessions_AreOn_AndTheFunctionTimeoutIsSet()
    {
        Assert.True(DurableTask.GetProperty("extendedSessionsEnabled").GetBoolean());
        Assert.True(TimeSpan.TryParse(Root.GetProperty("functionTimeout").GetString(), System.Globalization.CultureInfo.InvariantCulture, out var timeout));
        Assert.InRange(timeout, TimeSpan.FromMinutes(1), TimeSpan.FromHours(2));
    }

    [Fact]
    public void Project_LinksHostJson_AndLeavesTheSolution()
    {
        var project = RepositoryFiles.Read("src", "Functions", "Pipeline.Functions.csproj");

        Assert.Contains("<None Include=\"../../host.json\" Link=\"host.json\" CopyToOutputDirectory=\"PreserveNewest\" />", project, StringComparison.Ordinal);
        Assert.DoesNotContain("Pipeline.Functions.csproj", RepositoryFiles.Read("Pipeline.sln"), StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.Azure.Functions", RepositoryFiles.Read("Directory.Packages.props"), StringComparison.Ordinal);
    }
}
