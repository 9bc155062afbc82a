namespace Pipeline.Worker.Tests;

public sealed class DurableTaskHubOptionsTests
{
    private readonly DurableTaskHubOptionsValidator validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
        => Assert.True(validator.Validate(null, new DurableTaskHubOptions()).Succeeded);

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void Validate_PartitionCountOutOfRange_NamesTheSetting(int partitions)
    {
        var result = validator.Validate(null, new DurableTaskHubOptions { PartitionCount = partitions });

        Assert.Contains($"Pipeline:DurableTask:PartitionCount must be 1–16 (was {partitions})", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1pipeline")]
    [InlineData("pipe-line")]
    [InlineData("a234567890123456789012345678901234567890123456")]
    public void Validate_TaskHubNameBreaksAzureRule_NamesTheSetting(string name)
    {
        var result = validator.Validate(null, new DurableTaskHubOptions { TaskHubName = name });

        Assert.Contains("Pipeline:DurableTask:TaskHubName must be 3–45 letters and digits starting with a letter", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoConnectionStringNorAccount_NamesBothSettings()
    {
        var result = validator.Validate(null, new DurableTaskHubOptions { ConnectionString = "" });

        Assert.Contains("Pipeline:DurableTask:ConnectionString", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Pipeline:DurableTask:AccountName", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ToServiceSettings_Options_CarriesThemAndSeparatesEntityQueue()
    {
        var settings = new DurableTaskHubOptions
        {
            TaskHubName = "hub1",
            PartitionCount = 2,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100),
            ExtendedSessions = true,
        }.ToServiceSettings();

        Assert.Equal("hub1", settings.TaskHubName);
        Assert.Equal(2, settings.PartitionCount);
        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.MaxQueuePollingInterval);
        Assert.True(settings.ExtendedSessionsEnabled);
        Assert.True(settings.UseSeparateQueueForEntityWorkItems);
        Assert.NotNull(settings.StorageAccountClientProvider);
    }

    [Fact]
    public void ToServiceSettings_NoWorkerId_NamesThisProcessSoHostsOnOneMachineAreDistinctOwners()
    {
        // Two hosts that share a worker id both own a partition's lease and run its episodes twice.
        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", new DurableTaskHubOptions().ToServiceSettings().WorkerId);
        Assert.Equal("vm-7", new DurableTaskHubOptions { WorkerId = "vm-7" }.ToServiceSettings().WorkerId);
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true", true)]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/a;QueueEndpoint=http://localhost:2/a;TableEndpoint=http://127.0.0.1:3/a;", true)]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=a2V5;EndpointSuffix=core.windows.net", false)]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/a;QueueEndpoint=https://a.queue.core.windows.net;TableEndpoint=http://127.0.0.1:3/a;", false)]
    public void IsDevelopmentStorage_ConnectionString_RecognisesTheEmulator(string connectionString, bool expected)
        => Assert.Equal(expected, AzuriteLauncher.IsDevelopmentStorage(connectionString));
}
