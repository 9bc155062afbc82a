using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Pipeline.Functions.Http;

/// <summary><c>POST /api/jobs/{id}/cancel</c>: stop a running job; finished assets are kept.</summary>
public sealed class CancelJobFunction(JobsApiFactory api)
{
    [Function(nameof(CancelJob))]
    public async Task<IActionResult> CancelJob(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "jobs/{id}/cancel")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
        => new ApiActionResult(await api.For(client).CancelAsync(id, JobsApiFactory.BaseUrl(request), request.HttpContext.RequestAborted));
}
