namespace Pipeline.Domain.Api;

/// <summary>
/// The 202 body of a start, retry or cancel: the job id and where to follow it. The Durable Functions management URIs
/// are filled by a host that has them; the standalone host names its own routes.
/// </summary>
public sealed record JobAccepted
{
    public required string Id { get; init; }

    public required string StatusQueryGetUri { get; init; }

    public string? SendEventPostUri { get; init; }

    public string? TerminatePostUri { get; init; }

    public string? PurgeHistoryDeleteUri { get; init; }

    public string? CancelPostUri { get; init; }

    public string? RetryPostUri { get; init; }
}
