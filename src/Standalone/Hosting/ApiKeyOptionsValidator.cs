using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Pipeline.Standalone.Hosting;

/// <summary>
/// Refuses to start a host bound to a non-loopback address without an API key. The addresses come from the same
/// settings Kestrel reads: <c>urls</c> (<c>--urls</c>, <c>ASPNETCORE_URLS</c>), <c>http_ports</c>/<c>https_ports</c>
/// (which bind every interface) and <c>Kestrel:Endpoints:*:Url</c>.
/// </summary>
public sealed class ApiKeyOptionsValidator(IConfiguration configuration) : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        if (!string.IsNullOrEmpty(options.Key))
        {
            return options.Key.Length < ApiKeyOptions.MinLength
                ? ValidateOptionsResult.Fail($"{ApiKeyOptions.SectionName}:Key is {options.Key.Length} characters long; it must have at least {ApiKeyOptions.MinLength}.")
                : ValidateOptionsResult.Success;
        }

        var exposed = ListenAddresses(configuration).Where(a => !IsLoopback(a)).ToList();
        return exposed.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"The host would listen on {string.Join(", ", exposed)}, which is not loopback: set {ApiKeyOptions.SectionName}:Key (environment Pipeline__Api__Key) so every request must carry it, or bind to 127.0.0.1.");
    }

    public static IEnumerable<string> ListenAddresses(IConfiguration configuration)
    {
        foreach (var url in (configuration["urls"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return url;
        }

        foreach (var key in new[] { "http_ports", "https_ports" })
        {
            foreach (var port in (configuration[key] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return $"http://*:{port}";
            }
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                yield return url;
            }
        }
    }

    public static bool IsLoopback(string url)
    {
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        string host;
        if (rest.StartsWith('['))
        {
            host = rest[1..Math.Max(1, rest.IndexOf(']', StringComparison.Ordinal))];
        }
        else
        {
            var end = rest.IndexOfAny([':', '/']);
            host = end < 0 ? rest : rest[..end];
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
