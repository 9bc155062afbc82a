using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Pipeline.Domain.Durable;
using Pipeline.Functions.Adapters;

namespace Pipeline.Functions.Http;

/// <summary><c>DELETE /api/jobs/{id}</c>: purge history, status entity, record, asset and payload blobs.</summary>
public sealed class PurgeJobFunction(IJobsApi api, IPayloadConverter converter)
{
    [Function(nameof(PurgeJob))]
    public async Task<IActionResult> PurgeJob(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "jobs/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
        => new ApiResult(await api.PurgeJobAsync(new DurableClientAdapter(client, converter), id, request.HttpContext.RequestAborted));
}
