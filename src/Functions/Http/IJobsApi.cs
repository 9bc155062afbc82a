using Pipeline.Domain.Durable;

namespace Pipeline.Functions.Http;

/// <summary>
/// The request handling behind each route of the HTTP API (validation, idempotent start, status merge, purge), one
/// method per route, as the Functions triggers call it. Domain's shared handlers implement this contract; the triggers
/// only bind the request and write the <see cref="ApiResponse"/>. Each call gets the invocation's durable client.
/// </summary>
public interface IJobsApi
{
    /// <summary><c>POST /api/jobs/{type}</c> → 202 with <c>Location</c>, 400, 404, 409 or 413.</summary>
    Task<ApiResponse> StartJobAsync(IDurableClient client, string type, Stream body, long? contentLength, Uri requestUri, CancellationToken cancellationToken);

    /// <summary><c>GET /api/jobs/{id}</c> (<c>?steps=true</c> adds the step log) → 200 or 404.</summary>
    Task<ApiResponse> GetJobAsync(IDurableClient client, string id, bool includeSteps, CancellationToken cancellationToken);

    /// <summary><c>GET /api/jobs?status=&amp;type=&amp;limit=&amp;continuationToken=</c> → 200 (newest first, paged) or 400.</summary>
    Task<ApiResponse> ListJobsAsync(IDurableClient client, string? status, string? type, string? limit, string? continuationToken, CancellationToken cancellationToken);

    /// <summary><c>POST /api/jobs/{id}/cancel</c> → 202 or 404.</summary>
    Task<ApiResponse> CancelJobAsync(IDurableClient client, string id, CancellationToken cancellationToken);

    /// <summary><c>POST /api/jobs/{id}/retry</c> → 202, 404 or 409.</summary>
    Task<ApiResponse> RetryJobAsync(IDurableClient client, string id, CancellationToken cancellationToken);

    /// <summary><c>GET /api/jobs/{id}/assets/{assetId}</c> → 302 to a short-lived read-only URL, or 404.</summary>
    Task<ApiResponse> GetAssetAsync(IDurableClient client, string id, string assetId, CancellationToken cancellationToken);

    /// <summary><c>DELETE /api/jobs/{id}</c> → 204 or 404.</summary>
    Task<ApiResponse> PurgeJobAsync(IDurableClient client, string id, CancellationToken cancellationToken);
}
