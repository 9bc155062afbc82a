using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;
using Pipeline.Infrastructure.Jobs;
using Pipeline.Infrastructure.Tests.Fakes;
using Pipeline.Testing;

namespace Pipeline.Infrastructure.Tests.Jobs;

public sealed class JobStoreServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _dataRoot = Path.Combine(Path.GetTempPath(), "pipeline-jobs-di-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task AddPipelineJobStore_EmbeddedProvider_CreatesTheDatabaseAtStartAndStoresRecords()
    {
        using var host = BuildHost(new()
        {
            ["Pipeline:Jobs:Provider"] = "Embedded",
            ["Pipeline:Jobs:Embedded:DataRoot"] = _dataRoot,
        });

        await host.StartAsync();
        var repository = host.Services.GetRequiredService<IJobRepository>();
        await repository.CreateAsync(new JobRecord
        {
            Id = "job-di",
            Type = JobType.LectureMedia,
            Request = new JobRequestSummary { Sha256 = new string('d', 64) },
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
        });
        await host.StopAsync();

        Assert.True(File.Exists(Path.Combine(_dataRoot, "jobs.db")));
        Assert.NotNull(await repository.GetAsync("job-di"));
    }

    [Fact]
    public async Task AddPipelineJobStore_CosmosWithoutEndpoint_FailsAtStartNamingTheSetting()
    {
        using var host = BuildHost(new() { ["Pipeline:Jobs:Provider"] = "Cosmos" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Pipeline:Jobs:Cosmos:Endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPipelineJobStore_InlineLimitOutOfRange_FailsAtStartNamingTheSetting()
    {
        using var host = BuildHost(new()
        {
            ["Pipeline:Jobs:Embedded:DataRoot"] = _dataRoot,
            ["Pipeline:Jobs:MaxInlineRecordBytes"] = "3000000",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(nameof(JobStoreOptions.MaxInlineRecordBytes), error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataRoot))
        {
            Directory.Delete(_dataRoot, recursive: true);
        }
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddSingleton<IBlobStore, InMemoryBlobStore>();
        builder.Services.AddPipelineJobStore();
        return builder.Build();
    }
}
