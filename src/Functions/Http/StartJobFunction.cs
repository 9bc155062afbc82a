using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Pipeline.Domain.Durable;
using Pipeline.Functions.Adapters;

namespace Pipeline.Functions.Http;

/// <summary><c>POST /api/jobs/{type}</c>: start a job.</summary>
public sealed class StartJobFunction(IJobsApi api, IPayloadConverter converter)
{
    [Function(nameof(StartJob))]
    public async Task<IActionResult> StartJob(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "jobs/{type}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string type)
        => new ApiResult(await api.StartJobAsync(new DurableClientAdapter(client, converter), type, request.Body, request.ContentLength, new Uri(request.GetEncodedUrl()), request.HttpContext.RequestAborted));
}
