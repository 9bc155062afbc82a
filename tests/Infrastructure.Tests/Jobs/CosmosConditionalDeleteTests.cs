using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Domain.Jobs;
using Pipeline.Infrastructure.Jobs;
using Pipeline.Infrastructure.Tests.Fixtures;

namespace Pipeline.Infrastructure.Tests.Jobs;

/// <summary>Conditional deletes on Cosmos DB (@vercel/cosmosdb-server), one container per test.</summary>
public sealed class CosmosConditionalDeleteTests : ConditionalDeleteContractTests, IClassFixture<CosmosServerFixture>, IDisposable
{
    private readonly CosmosServerFixture _server;
    private readonly CosmosClient _client;

    public CosmosConditionalDeleteTests(CosmosServerFixture server)
    {
        _server = server;
        _client = CosmosJobClientFactory.Create(Options("unused"), server.CreateHttpClient);
    }

    protected override Task<IJobDocumentStore> CreateDocumentStoreAsync()
        => Task.FromResult<IJobDocumentStore>(
            new CosmosJobDocumentStore(_client, Options("jobs-" + Guid.NewGuid().ToString("N")), NullLogger<CosmosJobDocumentStore>.Instance));

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
}
