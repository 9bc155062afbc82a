using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Pipeline.Domain.Durable;
using Pipeline.Functions.Adapters;

namespace Pipeline.Functions.Http;

/// <summary><c>GET /api/jobs/{id}/assets/{assetId}</c>: a redirect to a short-lived read-only URL of the asset.</summary>
public sealed class GetAssetFunction(IJobsApi api, IPayloadConverter converter)
{
    [Function(nameof(GetAsset))]
    public async Task<IActionResult> GetAsset(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "jobs/{id}/assets/{assetId}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        string assetId)
        => new ApiResult(await api.GetAssetAsync(new DurableClientAdapter(client, converter), id, assetId, request.HttpContext.RequestAborted));
}
