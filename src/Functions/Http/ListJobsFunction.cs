using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Pipeline.Domain.Durable;
using Pipeline.Functions.Adapters;

namespace Pipeline.Functions.Http;

/// <summary><c>GET /api/jobs</c>: jobs, newest first, paged.</summary>
public sealed class ListJobsFunction(IJobsApi api, IPayloadConverter converter)
{
    [Function(nameof(ListJobs))]
    public async Task<IActionResult> ListJobs(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "jobs")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
        => new ApiResult(await api.ListJobsAsync(new DurableClientAdapter(client, converter), request.Query["status"], request.Query["type"], request.Query["limit"], request.Query["continuationToken"], request.HttpContext.RequestAborted));
}
