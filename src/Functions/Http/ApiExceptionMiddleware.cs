using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Api;

namespace Pipeline.Functions.Http;

/// <summary>
/// What an exception that escapes an HTTP function answers, as on the standalone host: the server's own refusals
/// while the body is read (<see cref="BadHttpRequestException"/>: bad chunk framing, a body over the limit, a body
/// slower than the minimum data rate) keep their 4xx as a problem naming the limit; anything else is a fault of
/// Pipeline or its dependencies, answered 500 with a generic sentence and a trace id, never the exception's text.
/// Without it the Functions host answers every such exception with an empty 500.
/// </summary>
public sealed class ApiExceptionMiddleware(IOptions<JobsApiOptions> limits, ILogger<ApiExceptionMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (Exception e) when (context.GetHttpContext() is { } http && !http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            var request = http.Request;
            var path = Problems.Cut(request.Path.Value ?? string.Empty, 200);
            ApiResult result;
            if ((e as BadHttpRequestException ?? e.InnerException as BadHttpRequestException) is { } rejected)
            {
                var rate = http.Features.Get<IHttpMinRequestBodyDataRateFeature>()?.MinDataRate;
                result = Problems.Rejected(rejected.StatusCode, limits.Value.MaxRequestBytes, rate?.BytesPerSecond, rate?.GracePeriod);
                HttpLog.RequestRejected(logger, request.Method, path, result.Status, rejected.Message);
            }
            else
            {
                var traceId = Activity.Current?.Id ?? context.InvocationId;
                result = Problems.Internal(traceId);
                HttpLog.RequestFailed(logger, e, request.Method, path, traceId);
            }

            // The ASP.NET Core integration writes an IActionResult the invocation returns, as for a function's own result.
            context.GetInvocationResult().Value = new ApiActionResult(result);
        }
    }
}
