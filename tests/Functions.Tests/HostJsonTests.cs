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
    public void HubNameAndStorageConnection_AreAppSettingsOfTheLocalSample()
    {
        using var sample = JsonDocument.Parse(RepositoryFiles.Read("local.settings.sample.json"));
        var values = sample.RootElement.GetProperty("Values");
        var hub = DurableTask.GetProperty("hubName").GetString()!.Trim('%');
        var connection = DurableTask.GetProperty("storageProvider").GetProperty("connectionName").GetString()!;

        Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,44}$", values.GetProperty(hub).GetString());
        Assert.False(string.IsNullOrEmpty(values.GetProperty(connection).GetString()));
    }

    [Fact]
    public void PartitionCount_IsWithinTheAzureStorageRange()
    {
        Assert.InRange(DurableTask.GetProperty("storageProvider").GetProperty("partitionCount").GetInt32(), 1, 16);
    }

    [Fact]
    public void BuildOutput_CarriesTheRepositoryHostJson()
    {
        Assert.Equal(RepositoryFiles.Read("host.json"), File.ReadAllText(Path.Combine(FunctionsOutput.Directory, "host.json")));
    }

    [Fact]
    public void Project_IsInTheSolution_WithItsPackagesInTheCentralFile()
    {
        Assert.Contains(@"src\Functions\Pipeline.Functions.csproj", RepositoryFiles.Read("Pipeline.sln"), StringComparison.Ordinal);
        Assert.Contains("Microsoft.Azure.Functions.Worker.Extensions.DurableTask", RepositoryFiles.Read("Directory.Packages.props"), StringComparison.Ordinal);
        Assert.False(File.Exists(RepositoryFiles.PathOf("src", "Functions", "Directory.Packages.props")));
    }
}
