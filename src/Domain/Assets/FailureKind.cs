namespace Pipeline.Domain.Assets;

/// <summary>Decides retry: transient failures are retried with backoff, permanent ones never, unknown ones by policy.</summary>
public enum FailureKind
{
    Unknown,
    Transient,
    Permanent,
}
