using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Pipeline.Functions.Http;

/// <summary><c>POST /api/jobs/{id}/retry</c>: run again only the assets that failed.</summary>
public sealed class RetryJobFunction(JobsApiFactory api)
{
    [Function(nameof(RetryJob))]
    public async Task<IActionResult> RetryJob(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "jobs/{id}/retry")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
        => new ApiActionResult(await api.For(client).RetryAsync(id, JobsApiFactory.BaseUrl(request), request.HttpContext.RequestAborted));
}
