using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Api;
using Pipeline.Standalone.Hosting;

namespace Pipeline.Standalone.Http;

/// <summary>
/// With <c>Pipeline:Api:Key</c> set, every request must carry the key in <c>x-functions-key</c> or <c>?code=</c>;
/// the comparison takes the same time whatever the guess (SHA-256 of both, then a fixed-time compare).
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<ApiKeyOptions> options, ILogger<ApiKeyMiddleware> logger)
{
    private readonly byte[]? _expected = string.IsNullOrEmpty(options.Value.Key) ? null : Hash(options.Value.Key);

    public async Task InvokeAsync(HttpContext context)
    {
        if (_expected is null || Matches(context.Request))
        {
            await next(context);
            return;
        }

        Log.Unauthorized(logger, context.Request.Path);
        await new ApiHttpResult(Problems.Plain(401, "Unauthorized.", $"This host requires an API key: send it in the {ApiKeyOptions.HeaderName} header or the ?{ApiKeyOptions.QueryName}= query parameter."))
            .ExecuteAsync(context);
    }

    private bool Matches(HttpRequest request)
    {
        var given = request.Headers[ApiKeyOptions.HeaderName].FirstOrDefault() ?? request.Query[ApiKeyOptions.QueryName].FirstOrDefault();
        return given is not null && CryptographicOperations.FixedTimeEquals(Hash(given), _expected);
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
