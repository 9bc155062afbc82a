namespace Pipeline.Domain.Payloads;

/// <summary>
/// A claim check: where a blob lives (a store-independent key) and what it is. A few hundred bytes, whatever the
/// size of the blob, so it can travel through history, entity state and job records.
/// </summary>
public sealed record BlobRef(string Key, long Length, string ContentType, string Sha256);
