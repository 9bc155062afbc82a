using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Pipeline.Domain.Durable;
using Pipeline.Functions.Adapters;

namespace Pipeline.Functions.Http;

/// <summary><c>GET /api/jobs/{id}</c>: the job; <c>?steps=true</c> adds the execution-step log.</summary>
public sealed class GetJobFunction(IJobsApi api, IPayloadConverter converter)
{
    [Function(nameof(GetJob))]
    public async Task<IActionResult> GetJob(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "jobs/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
        => new ApiResult(await api.GetJobAsync(new DurableClientAdapter(client, converter), id, string.Equals(request.Query["steps"], "true", StringComparison.OrdinalIgnoreCase), request.HttpContext.RequestAborted));
}
