using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Api;

namespace Pipeline.Standalone.Http;

/// <summary>
/// What an exception that escapes a route answers. The server's own refusals while the body is read (Kestrel's
/// <see cref="BadHttpRequestException"/>: bad chunk framing, a body over the limit, a body slower than the minimum
/// data rate) keep their 4xx, as a problem naming the limit. Anything else is a fault of Pipeline or its dependencies:
/// 500 with a generic sentence and the trace id the log has the exception under — never its message, type or stack.
/// </summary>
public sealed class ApiExceptionHandler(IOptions<JobsApiOptions> limits, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var request = httpContext.Request;
        ApiResult result;
        if (exception is BadHttpRequestException rejected)
        {
            var rate = httpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>()?.MinDataRate;
            result = Problems.Rejected(rejected.StatusCode, limits.Value.MaxRequestBytes, rate?.BytesPerSecond, rate?.GracePeriod);
            Log.RequestRejected(logger, request.Method, Problems.Cut(request.Path.Value ?? string.Empty, 200), result.Status, exception.Message);
        }
        else
        {
            var traceId = Activity.Current?.Id ?? httpContext.TraceIdentifier;
            result = Problems.Internal(traceId);
            Log.RequestFailed(logger, exception, request.Method, Problems.Cut(request.Path.Value ?? string.Empty, 200), traceId);
        }

        await new ApiHttpResult(result).ExecuteAsync(httpContext);
        return true;
    }
}
