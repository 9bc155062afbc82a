namespace Pipeline.Domain.Api;

/// <summary>
/// What a route answers, free of any HTTP framework: a status code, a JSON body (a view or an <see cref="ApiProblem"/>)
/// or the bytes of an asset, and headers. Each host turns it into its own response in a few lines.
/// </summary>
public sealed record ApiResult
{
    public required int Status { get; init; }

    /// <summary>The JSON body (camelCase, see <see cref="JobsApi.JsonOptions"/>); null for none or for <see cref="Content"/>.</summary>
    public object? Body { get; init; }

    /// <summary>The bytes of an asset, instead of a JSON body.</summary>
    public ApiContent? Content { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The problem, when this result is an error.</summary>
    public ApiProblem? Problem => Body as ApiProblem;

    /// <summary>The media type of <see cref="Body"/>.</summary>
    public string ContentType => Content?.ContentType ?? (Body is ApiProblem ? ApiProblem.MediaType : "application/json");

    public static ApiResult Ok(object body) => new() { Status = 200, Body = body };

    public static ApiResult Accepted(object body, string location) => new()
    {
        Status = 202,
        Body = body,
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Location"] = location },
    };

    public static ApiResult NoContent() => new() { Status = 204 };

    public static ApiResult File(ApiContent content) => new()
    {
        Status = 200,
        Content = content,
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["ETag"] = $"\"{content.Sha256}\"" },
    };

    public static ApiResult FromProblem(ApiProblem problem) => new() { Status = problem.Status, Body = problem };
}
