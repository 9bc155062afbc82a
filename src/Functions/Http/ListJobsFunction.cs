using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Pipeline.Functions.Http;

/// <summary><c>GET /api/jobs</c>: jobs, newest first, paged.</summary>
public sealed class ListJobsFunction(JobsApiFactory api)
{
    [Function(nameof(ListJobs))]
    public async Task<IActionResult> ListJobs(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "jobs")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
        => new ApiActionResult(await api.For(client).ListAsync(request.Query["status"], request.Query["type"], request.Query["limit"], request.Query["continuationToken"], JobsApiFactory.BaseUrl(request), request.HttpContext.RequestAborted));
}
