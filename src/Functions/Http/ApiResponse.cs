namespace Pipeline.Functions.Http;

/// <summary>What a handler answers: status, headers (e.g. <c>Location</c>), and a JSON body or none.</summary>
public sealed record ApiResponse(int StatusCode, object? Body = null, string ContentType = "application/json")
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
