using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Pipeline.Domain.Jobs;

namespace Pipeline.Infrastructure.Jobs;

/// <summary>
/// Job records as Cosmos DB items, one per job, partition key <c>/id</c>. Items are written and read as streams in
/// <see cref="JobRecordJson"/>'s shape (the same bytes the overflow check measured), plus <c>listKey</c>, the sort key
/// of the list order. The item's <c>_etag</c> is the record's ETag.
/// </summary>
public sealed partial class CosmosJobDocumentStore : IJobDocumentStore
{
    public const string PartitionKeyPath = "/id";

    /// <summary>The property that orders the list: fixed-width created ticks, then the id (<see cref="JobListCursor.SortKey(JobRecord)"/>).</summary>
    public const string ListKeyProperty = "listKey";

    // What @vercel/cosmosdb-server answers (500) when a point read finds no item: its handler dereferences the missing item.
    private const string EmulatorMissingItemMessage = "Cannot read properties of undefined";

    private readonly CosmosClient _client;
    private readonly CosmosJobStoreOptions _options;
    private readonly ILogger<CosmosJobDocumentStore> _logger;
    private readonly Container _container;
    private volatile bool _initialized;

    public CosmosJobDocumentStore(CosmosClient client, CosmosJobStoreOptions options, ILogger<CosmosJobDocumentStore> logger)
    {
        _client = client;
        _options = options;
        _logger = logger;
        _container = client.GetContainer(options.Database, options.Container);
    }

    /// <summary>The container the records live in.</summary>
    public string ContainerId => _container.Id;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_options.CreateIfMissing)
        {
            var database = await _client.CreateDatabaseIfNotExistsAsync(_options.Database, cancellationToken: cancellationToken);
            await database.Database.CreateContainerIfNotExistsAsync(
                new ContainerProperties(_options.Container, PartitionKeyPath), cancellationToken: cancellationToken);
        }

        _initialized = true;
    }

    public async Task<JobRecord> CreateAsync(JobRecord record, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken);
        using var content = ToDocument(record);
        using var response = await _container.CreateItemStreamAsync(content, new PartitionKey(record.Id), cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new JobAlreadyExistsException(record.Id);
        }

        response.EnsureSuccessStatusCode();
        return record with { ETag = response.Headers.ETag };
    }

    public async Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken);
        using var response = await _container.ReadItemStreamAsync(jobId, new PartitionKey(jobId), cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound || await IsEmulatorMissingItemAsync(response, cancellationToken))
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await JobRecordJson.DeserializeAsync(response.Content, cancellationToken) with { ETag = response.Headers.ETag };
    }

    public async Task<JobRecord> ReplaceAsync(JobRecord record, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(record.ETag))
        {
            throw new ArgumentException($"Job '{record.Id}' has no ETag: read it before replacing it.", nameof(record));
        }

        await EnsureInitializedAsync(cancellationToken);
        using var content = ToDocument(record);
        using var response = await _container.ReplaceItemStreamAsync(
            content, record.Id, new PartitionKey(record.Id), new ItemRequestOptions { IfMatchEtag = record.ETag }, cancellationToken);
        switch (response.StatusCode)
        {
            case HttpStatusCode.PreconditionFailed:
                throw new JobETagMismatchException(record.Id, record.ETag);
            case HttpStatusCode.NotFound:
                throw new JobNotFoundException(record.Id);
            default:
                response.EnsureSuccessStatusCode();
                return record with { ETag = response.Headers.ETag };
        }
    }

    public async Task<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken);
        var take = query.Limit + 1;
        var sql = new StringBuilder("SELECT TOP ")
            .Append(take.ToString(CultureInfo.InvariantCulture))
            .Append(" * FROM c WHERE IS_DEFINED(c.").Append(ListKeyProperty).Append(')');
        var parameters = new List<(string Name, object Value)>();
        if (query.Status is { } status)
        {
            sql.Append(" AND c.status = @status");
            parameters.Add(("@status", status.ToString()));
        }

        if (query.Type is { } type)
        {
            sql.Append(" AND c.type = @type");
            parameters.Add(("@type", type));
        }

        if (query.ContinuationToken is { } token)
        {
            sql.Append(" AND c.").Append(ListKeyProperty).Append(" < @after");
            parameters.Add(("@after", JobListCursor.Parse(token).SortKey()));
        }

        sql.Append(" ORDER BY c.").Append(ListKeyProperty).Append(" DESC");
        var definition = new QueryDefinition(sql.ToString());
        foreach (var (name, value) in parameters)
        {
            definition = definition.WithParameter(name, value);
        }

        var items = new List<JobRecord>(take);
        using (var iterator = _container.GetItemQueryStreamIterator(definition, requestOptions: new QueryRequestOptions { MaxItemCount = take, EnableOptimisticDirectExecution = true }))
        {
            while (iterator.HasMoreResults && items.Count < take)
            {
                using var response = await iterator.ReadNextAsync(cancellationToken);
                response.EnsureSuccessStatusCode();
                using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
                foreach (var document in page.RootElement.GetProperty("Documents").EnumerateArray())
                {
                    items.Add(FromDocument(document));
                }
            }
        }

        if (items.Count <= query.Limit)
        {
            return new JobPage { Items = items };
        }

        items.RemoveRange(query.Limit, items.Count - query.Limit);
        return new JobPage { Items = items, ContinuationToken = JobListCursor.After(items[^1]).ToToken() };
    }

    public async Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken);
        using var response = await _container.DeleteItemStreamAsync(jobId, new PartitionKey(jobId), cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    public async Task<bool> DeleteIfMatchAsync(string jobId, string etag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(etag);
        await EnsureInitializedAsync(cancellationToken);
        using var response = await _container.DeleteItemStreamAsync(
            jobId, new PartitionKey(jobId), new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    private async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (!_initialized)
        {
            await InitializeAsync(cancellationToken);
        }
    }

    private async Task<bool> IsEmulatorMissingItemAsync(ResponseMessage response, CancellationToken cancellationToken)
    {
        if (!_options.EmulatorCompatibility || response.StatusCode != HttpStatusCode.InternalServerError)
        {
            return false;
        }

        var body = response.Content is null ? response.ErrorMessage : await new StreamReader(response.Content).ReadToEndAsync(cancellationToken);
        if (body?.Contains(EmulatorMissingItemMessage, StringComparison.Ordinal) != true)
        {
            return false;
        }

        LogEmulatorMissingItem(_logger, response.RequestMessage?.RequestUri?.ToString() ?? "(unknown)");
        return true;
    }

    private static MemoryStream ToDocument(JobRecord record)
    {
        var node = JsonSerializer.SerializeToNode(record, JobRecordJson.Options)!.AsObject();
        node[ListKeyProperty] = JobListCursor.SortKey(record);
        return new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(node, JobRecordJson.Options), writable: false);
    }

    private static JobRecord FromDocument(JsonElement document)
    {
        var record = document.Deserialize<JobRecord>(JobRecordJson.Options)
            ?? throw new JsonException("A job record item was null.");
        return record with { ETag = document.TryGetProperty("_etag", out var etag) ? etag.GetString() : null };
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug,
        Message = "Cosmos DB answered 500 with the emulator's missing-item error for {Resource}; treated as not found (EmulatorCompatibility)")]
    private static partial void LogEmulatorMissingItem(ILogger logger, string resource);
}
