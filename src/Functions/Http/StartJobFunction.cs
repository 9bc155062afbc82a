using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Pipeline.Functions.Http;

/// <summary><c>POST /api/jobs/{type}</c>: start a job.</summary>
public sealed class StartJobFunction(JobsApiFactory api)
{
    [Function(nameof(StartJob))]
    public async Task<IActionResult> StartJob(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "jobs/{type}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string type)
        => new ApiActionResult(await api.For(client).StartAsync(type, request.Body, request.ContentLength, request.ContentType, JobsApiFactory.BaseUrl(request), request.HttpContext.RequestAborted));
}
