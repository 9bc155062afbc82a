namespace Pipeline.Domain.Payloads;

/// <summary>One page of a listing by prefix; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record BlobPage(IReadOnlyList<string> Keys, string? ContinuationToken);
