namespace Pipeline.Infrastructure.Jobs;

/// <summary>Settings of the Cosmos DB job store.</summary>
public sealed class CosmosJobStoreOptions
{
    /// <summary>The account endpoint, e.g. <c>https://myaccount.documents.azure.com:443/</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The account key; when empty the client signs in with <c>DefaultAzureCredential</c> (managed identity, developer sign-in).</summary>
    public string? Key { get; set; }

    public string Database { get; set; } = "pipeline";

    public string Container { get; set; } = "jobs";

    /// <summary>
    /// Creates the database and the container (partition key <c>/id</c>) at start when they are missing. Needs a key or a
    /// control-plane role; with data-plane RBAC only, provision them with the infrastructure templates and turn this off.
    /// </summary>
    public bool CreateIfMissing { get; set; } = true;

    /// <summary>Gateway (HTTPS) instead of direct (TCP) mode; emulators only speak gateway.</summary>
    public bool GatewayMode { get; set; }

    /// <summary>Talk only to <see cref="Endpoint"/>, never to the regional endpoints the account advertises (emulators).</summary>
    public bool LimitToEndpoint { get; set; }

    /// <summary>
    /// Maps the answer @vercel/cosmosdb-server gives to a point read of a missing item (500 with a script error instead
    /// of 404) to "not found". Off against Azure, where a 500 is a real server error and surfaces as one.
    /// </summary>
    public bool EmulatorCompatibility { get; set; }
}
