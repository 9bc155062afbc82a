using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Pipeline.Functions.Http;

/// <summary><c>DELETE /api/jobs/{id}</c>: purge history, status, record and blobs.</summary>
public sealed class PurgeJobFunction(JobsApiFactory api)
{
    [Function(nameof(PurgeJob))]
    public async Task<IActionResult> PurgeJob(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "jobs/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
        => new ApiActionResult(await api.For(client).PurgeAsync(id, request.HttpContext.RequestAborted));
}
