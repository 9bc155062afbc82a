using System.Globalization;
using Pipeline.Domain.Jobs;

namespace Pipeline.Domain.Api;

/// <summary>The problems the API answers with, in one place so every route words them the same way.</summary>
public static class Problems
{
    public static ApiResult Validation(FieldErrors errors, string? detail = null) => ApiResult.FromProblem(new ApiProblem
    {
        Title = "The request is invalid.",
        Status = 400,
        Detail = detail ?? $"{errors.Count} field error(s): {Cut(errors.ToString(), 500)}",
        Errors = errors.ToDictionary(),
    });

    public static ApiResult Field(string field, string message, int status = 400, string? title = null)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return ApiResult.FromProblem(new ApiProblem
        {
            Title = title ?? "The request is invalid.",
            Status = status,
            Detail = $"{field}: {Cut(message, 500)}",
            Errors = errors.ToDictionary(),
        });
    }

    public static ApiResult NotFound(string detail) => Plain(404, "Not found.", detail);

    public static ApiResult Conflict(string detail) => Plain(409, "Conflict.", detail);

    public static ApiResult TooLarge(long limit) => Plain(413, "The request body is too large.", $"The body is larger than the limit of {limit} bytes (Pipeline:Api:MaxRequestBytes).");

    public static ApiResult UnsupportedMediaType(string? contentType)
        => Plain(415, "Unsupported media type.", $"The body must be JSON (application/json), not '{Cut(contentType ?? string.Empty, 100)}'.");

    /// <summary>
    /// A request the HTTP server refused while reading it (its own 4xx, e.g. Kestrel's <c>BadHttpRequestException</c>
    /// while the body is read): the problem for that status, in the API's words, naming the limit that applies.
    /// </summary>
    /// <param name="status">The server's status for the request (400, 408, 413, 414, 431…).</param>
    /// <param name="maxBodyBytes">The body limit (<c>Pipeline:Api:MaxRequestBytes</c>).</param>
    /// <param name="minBytesPerSecond">The server's minimum body data rate, when it has one.</param>
    /// <param name="grace">How long a body may arrive below that rate before the server gives up.</param>
    public static ApiResult Rejected(int status, long maxBodyBytes, double? minBytesPerSecond = null, TimeSpan? grace = null) => status switch
    {
        400 => Field("body", "could not be read: its HTTP framing is malformed (for example a chunk size that is not hexadecimal, a chunk without its line break, or a body that ends before its Content-Length).", title: "The request is malformed."),
        408 => Plain(408, "Request timeout.", minBytesPerSecond is { } rate
            ? $"The body arrived too slowly: below the minimum data rate of {rate.ToString("0.##", CultureInfo.InvariantCulture)} bytes per second{(grace is { } g ? $" after a grace period of {g.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s" : string.Empty)}."
            : "The request took too long to arrive."),
        411 => Plain(411, "Length required.", "The body needs a Content-Length header or chunked transfer encoding."),
        413 => TooLarge(maxBodyBytes),
        414 => Plain(414, "URI too long.", "The request line (method, path and query) is longer than the server accepts."),
        415 => Plain(415, "Unsupported media type.", "The body must be JSON (application/json)."),
        431 => Plain(431, "Request header fields too large.", "The request headers are larger than the server accepts."),
        >= 400 and < 500 => Plain(status, "The request could not be read.", $"The server could not read the request as HTTP (status {status})."),
        _ => Internal(traceId: null),
    };

    /// <summary>
    /// A fault of the service or one of its dependencies (job store, blob store, engine): a generic sentence and the id
    /// the log has the failure under — never the exception's message, type or stack.
    /// </summary>
    public static ApiResult Internal(string? traceId) => ApiResult.FromProblem(new ApiProblem
    {
        Title = "Internal server error.",
        Status = 500,
        Detail = traceId is null
            ? "The server failed to handle the request; the log has the details."
            : $"The server failed to handle the request; the log has the details under trace id {Cut(traceId, 100)}.",
        TraceId = traceId is null ? null : Cut(traceId, 100),
    });

    public static ApiResult NotImplemented(string detail) => Plain(501, "Not implemented.", detail);

    public static ApiResult Unavailable(string detail) => Plain(503, "Service unavailable.", detail);

    public static ApiResult Plain(int status, string title, string detail)
        => ApiResult.FromProblem(new ApiProblem { Title = title, Status = status, Detail = detail });

    /// <summary>Text from the caller, made safe to echo: short and without control characters.</summary>
    public static string Cut(string value, int max)
    {
        var cut = value.Length > max ? value[..max] + "…" : value;
        return string.Create(cut.Length, cut, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) || char.IsSurrogate(source[i]) ? '?' : source[i];
            }
        });
    }
}
