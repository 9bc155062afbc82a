namespace Pipeline.Domain.Api;

/// <summary>
/// An RFC 9457 problem-details body (<c>application/problem+json</c>): what went wrong in a sentence and, for
/// validation, the errors keyed by field path (<c>segments[3].text</c>). A fault of the service itself carries no
/// internal text (exception message, type or stack), only a generic sentence and <see cref="TraceId"/>.
/// </summary>
public sealed record ApiProblem
{
    public const string MediaType = "application/problem+json";

    public string Type { get; init; } = "about:blank";

    public required string Title { get; init; }

    public required int Status { get; init; }

    public required string Detail { get; init; }

    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>For a fault of the service: the id its log records the failure under, so an operator can find it.</summary>
    public string? TraceId { get; init; }
}
