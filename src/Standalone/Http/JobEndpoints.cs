using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Api;

namespace Pipeline.Standalone.Http;

/// <summary>The routes of API.md, each a one-line call into <see cref="JobsApi"/>.</summary>
public static class JobEndpoints
{
    public static IEndpointRouteBuilder MapPipelineApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/jobs").AddEndpointFilter(WithJobScopeAsync);

        api.MapPost("/{type}", async (string type, HttpContext http, JobsApi jobs, IOptions<JobsApiOptions> limits) =>
        {
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                // JobsApi enforces the limit; the server's own cap must not be the one that answers.
                size.MaxRequestBodySize = limits.Value.MaxRequestBytes + 1L;
            }

            var request = http.Request;
            return Http(await jobs.StartAsync(type, request.Body, request.ContentLength, request.ContentType, BaseUrl(request), http.RequestAborted));
        });

        api.MapGet("/", async (HttpContext http, JobsApi jobs) =>
        {
            var query = http.Request.Query;
            return Http(await jobs.ListAsync(query["status"], query["type"], query["limit"], query["continuationToken"], BaseUrl(http.Request), http.RequestAborted));
        });

        api.MapGet("/{id}", async (string id, HttpContext http, JobsApi jobs) =>
        {
            var steps = http.Request.Query["steps"].FirstOrDefault();
            if (steps is not null && !bool.TryParse(steps, out _))
            {
                return Http(Problems.Field("steps", "must be true or false."));
            }

            return Http(await jobs.GetAsync(id, steps is not null && bool.Parse(steps), BaseUrl(http.Request), http.RequestAborted));
        });

        api.MapPost("/{id}/cancel", async (string id, HttpContext http, JobsApi jobs)
            => Http(await jobs.CancelAsync(id, BaseUrl(http.Request), http.RequestAborted)));

        api.MapPost("/{id}/retry", async (string id, HttpContext http, JobsApi jobs)
            => Http(await jobs.RetryAsync(id, BaseUrl(http.Request), http.RequestAborted)));

        api.MapGet("/{id}/assets/{assetId}", async (string id, string assetId, HttpContext http, JobsApi jobs)
            => Http(await jobs.GetAssetAsync(id, assetId, http.RequestAborted)));

        api.MapDelete("/{id}", async (string id, HttpContext http, JobsApi jobs)
            => Http(await jobs.PurgeAsync(id, http.RequestAborted)));

        return routes;
    }

    private static ApiHttpResult Http(ApiResult result) => new(result);

    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>Every log line written while a job's route runs carries its job id.</summary>
    private static async ValueTask<object?> WithJobScopeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetRouteValue("id") is not string id)
        {
            return await next(context);
        }

        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(JobEndpoints));
        using (logger.BeginScope(new Dictionary<string, object> { ["JobId"] = Problems.Cut(id, 80) }))
        {
            var result = await next(context);
            if (result is ApiHttpResult answered)
            {
                Log.Answered(logger, Problems.Cut(id, 80), http.Request.Method, http.GetEndpoint()?.DisplayName ?? string.Empty, answered.Result.Status);
            }

            return result;
        }
    }
}
