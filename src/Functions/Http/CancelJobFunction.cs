using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Pipeline.Domain.Durable;
using Pipeline.Functions.Adapters;

namespace Pipeline.Functions.Http;

/// <summary><c>POST /api/jobs/{id}/cancel</c>: stop a running job; finished assets are kept.</summary>
public sealed class CancelJobFunction(IJobsApi api, IPayloadConverter converter)
{
    [Function(nameof(CancelJob))]
    public async Task<IActionResult> CancelJob(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "jobs/{id}/cancel")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
        => new ApiResult(await api.CancelJobAsync(new DurableClientAdapter(client, converter), id, request.HttpContext.RequestAborted));
}
