using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Pipeline.Domain.Durable;
using Pipeline.Functions.Adapters;

namespace Pipeline.Functions.Http;

/// <summary><c>POST /api/jobs/{id}/retry</c>: run again only the assets that failed.</summary>
public sealed class RetryJobFunction(IJobsApi api, IPayloadConverter converter)
{
    [Function(nameof(RetryJob))]
    public async Task<IActionResult> RetryJob(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "jobs/{id}/retry")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
        => new ApiResult(await api.RetryJobAsync(new DurableClientAdapter(client, converter), id, request.HttpContext.RequestAborted));
}
