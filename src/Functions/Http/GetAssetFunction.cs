using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Pipeline.Functions.Http;

/// <summary><c>GET /api/jobs/{id}/assets/{assetId}</c>: the asset's bytes.</summary>
public sealed class GetAssetFunction(JobsApiFactory api)
{
    [Function(nameof(GetAsset))]
    public async Task<IActionResult> GetAsset(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "jobs/{id}/assets/{assetId}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        string assetId)
        => new ApiActionResult(await api.For(client).GetAssetAsync(id, assetId, request.HttpContext.RequestAborted));
}
