using Azure.Identity;
using Microsoft.Azure.Cosmos;

namespace Pipeline.Infrastructure.Jobs;

/// <summary>Builds the <see cref="CosmosClient"/> of the job store from its options: a key when one is set, otherwise <see cref="DefaultAzureCredential"/>.</summary>
public static class CosmosJobClientFactory
{
    /// <param name="options">The Cosmos settings.</param>
    /// <param name="httpClientFactory">Gateway HTTP clients, e.g. one that trusts an emulator's self-signed certificate; null for the default.</param>
    public static CosmosClient Create(CosmosJobStoreOptions options, Func<HttpClient>? httpClientFactory = null)
    {
        var endpoint = options.Endpoint ?? throw new InvalidOperationException($"{JobStoreOptions.Section}:Cosmos:Endpoint is not set.");
        var clientOptions = new CosmosClientOptions
        {
            ApplicationName = "pipeline-jobs",
            ConnectionMode = options.GatewayMode ? ConnectionMode.Gateway : ConnectionMode.Direct,
            LimitToEndpoint = options.LimitToEndpoint,
        };
        if (httpClientFactory is not null)
        {
            clientOptions.HttpClientFactory = httpClientFactory;
        }

        return string.IsNullOrEmpty(options.Key)
            ? new CosmosClient(endpoint.AbsoluteUri, new DefaultAzureCredential(), clientOptions)
            : new CosmosClient(endpoint.AbsoluteUri, options.Key, clientOptions);
    }
}
