using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Pipeline.Domain.Api;

namespace Pipeline.Functions.Http;

/// <summary>Writes a <see cref="ApiResult"/> of the shared request handling (<see cref="JobsApi"/>) as the HTTP response.</summary>
public sealed class ApiActionResult(ApiResult result) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
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
                await content.Stream.CopyToAsync(response.Body, context.HttpContext.RequestAborted);
            }
        }
        else if (result.Body is { } body)
        {
            response.ContentType = result.ContentType;
            await JsonSerializer.SerializeAsync(response.Body, body, body.GetType(), JobsApi.JsonOptions, context.HttpContext.RequestAborted);
        }
    }
}
