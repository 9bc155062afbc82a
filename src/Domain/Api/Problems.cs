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
