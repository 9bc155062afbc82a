using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Domain.Jobs;
using Pipeline.Infrastructure.Jobs;
using Pipeline.Infrastructure.Tests.Fixtures;

namespace Pipeline.Infrastructure.Tests.Jobs;

/// <summary>The job repository contract on Cosmos DB (@vercel/cosmosdb-server), one container per test.</summary>
public sealed class CosmosJobRepositoryTests : JobRepositoryContractTests, IClassFixture<CosmosServerFixture>, IDisposable
{
    private readonly CosmosServerFixture _server;
    private readonly CosmosClient _client;

    public CosmosJobRepositoryTests(CosmosServerFixture server)
    {
        _server = server;
        _client = CosmosJobClientFactory.Create(Options("unused"), server.CreateHttpClient);
    }

    protected override Task<IJobDocumentStore> CreateDocumentStoreAsync()
        => Task.FromResult<IJobDocumentStore>(
            new CosmosJobDocumentStore(_client, Options("jobs-" + Guid.NewGuid().ToString("N")), NullLogger<CosmosJobDocumentStore>.Instance));

    [Fact]
    public async Task ReadItem_MissingItemOnTheEmulator_Answers500NotFound404()
    {
        // The gap EmulatorCompatibility exists for. When the server answers 404, drop the workaround.
        var store = await CreateDocumentStoreAsync();
        await store.CreateAsync(NewRecord("job-there"));
        var container = _client.GetContainer(Options("unused").Database, ContainerOf(store));

        using var response = await container.ReadItemStreamAsync("job-missing", new PartitionKey("job-missing"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task Query_WithoutOptimisticDirectExecutionOnTheEmulator_FailsForWantOfAQueryPlan()
    {
        // Why ListAsync asks for optimistic direct execution: the server cannot answer the SDK's query-plan request.
        // When this starts passing queries, the emulator can prove the query-plan path as well.
        var store = await CreateDocumentStoreAsync();
        await store.CreateAsync(NewRecord("job-there"));
        var container = _client.GetContainer(Options("unused").Database, ContainerOf(store));
        using var iterator = container.GetItemQueryStreamIterator(
            "SELECT TOP 3 * FROM c WHERE c.status = 'Pending' ORDER BY c.listKey DESC",
            requestOptions: new QueryRequestOptions { EnableOptimisticDirectExecution = false });

        HttpStatusCode? answered = null;
        var error = await Record.ExceptionAsync(async () =>
        {
            using var response = await iterator.ReadNextAsync();
            answered = response.StatusCode;
        });

        Assert.True(error is not null || answered is not HttpStatusCode.OK, "the emulator answered a query that needs a query plan");
    }

    [Fact]
    public async Task GetAsync_MissingItemWithoutEmulatorCompatibility_SurfacesTheServerError()
    {
        var options = Options("jobs-" + Guid.NewGuid().ToString("N"));
        options.EmulatorCompatibility = false;
        var store = new CosmosJobDocumentStore(_client, options, NullLogger<CosmosJobDocumentStore>.Instance);
        await store.CreateAsync(NewRecord("job-there"));

        var error = await Assert.ThrowsAsync<CosmosException>(() => store.GetAsync("job-missing"));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
    }

    [Fact]
    public async Task InitializeAsync_MissingDatabaseAndContainer_CreatesThemWithIdPartitionKey()
    {
        var options = Options("jobs-" + Guid.NewGuid().ToString("N"));
        options.Database = "db-" + Guid.NewGuid().ToString("N");
        var store = new CosmosJobDocumentStore(_client, options, NullLogger<CosmosJobDocumentStore>.Instance);

        await store.InitializeAsync();
        await store.InitializeAsync();

        var properties = await _client.GetContainer(options.Database, options.Container).ReadContainerAsync();
        Assert.Equal(CosmosJobDocumentStore.PartitionKeyPath, properties.Resource.PartitionKeyPath);
    }

    public void Dispose() => _client.Dispose();

    private CosmosJobStoreOptions Options(string container) => new()
    {
        Endpoint = _server.Endpoint,
        Key = CosmosServerFixture.AccountKey,
        Database = "pipeline-tests",
        Container = container,
        GatewayMode = true,
        LimitToEndpoint = true,
        EmulatorCompatibility = true,
    };

    private static string ContainerOf(IJobDocumentStore store)
        => ((CosmosJobDocumentStore)store).ContainerId;

    private static JobRecord NewRecord(string id) => new()
    {
        Id = id,
        Type = JobType.PodcastEpisode,
        Request = new JobRequestSummary { Sha256 = new string('c', 64) },
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };
}
