using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Pipeline.Domain.Durable;

namespace Pipeline.Functions.Http;

/// <summary>Writes an <see cref="ApiResponse"/> through ASP.NET Core: status, headers, camelCase JSON body.</summary>
public sealed class ApiResult(ApiResponse response) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext.Response;
        http.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            http.Headers[name] = value;
        }

        if (response.Body is not null)
        {
            http.ContentType = response.ContentType;
            await JsonSerializer.SerializeAsync(http.Body, response.Body, response.Body.GetType(), JsonPayloadConverter.Options, context.HttpContext.RequestAborted);
        }
    }
}
