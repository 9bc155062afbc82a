using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Pipeline.Functions.Http;

/// <summary><c>GET /api/jobs/{id}</c>: the job; <c>?steps=true</c> adds the execution-step log.</summary>
public sealed class GetJobFunction(JobsApiFactory api)
{
    [Function(nameof(GetJob))]
    public async Task<IActionResult> GetJob(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "jobs/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
        => new ApiActionResult(await api.For(client).GetAsync(id, string.Equals(request.Query["steps"], "true", StringComparison.OrdinalIgnoreCase), JobsApiFactory.BaseUrl(request), request.HttpContext.RequestAborted));
}
