using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Pipeline.Domain.Api;

namespace Pipeline.Standalone.Http;

/// <summary>Writes an <see cref="ApiResult"/> as the HTTP response: status, headers, then JSON or the asset's bytes.</summary>
public sealed class ApiHttpResult(ApiResult result) : IResult
{
    public ApiResult Result => result;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = result.Status;
        foreach (var (name, value) in result.Headers)
        {
            response.Headers[name] = value;
        }

        if (result.Content is { } content)
        {
            await using (content.Stream)
            {
                response.ContentType = content.ContentType;
                response.ContentLength = content.Length;
                response.Headers.ContentDisposition = $"inline; filename=\"{content.FileName}\"";
                await content.Stream.CopyToAsync(response.Body, httpContext.RequestAborted);
            }

            return;
        }

        if (result.Body is { } body)
        {
            response.ContentType = result.ContentType;
            await JsonSerializer.SerializeAsync(response.Body, body, body.GetType(), JobsApi.JsonOptions, httpContext.RequestAborted);
        }
    }
}
