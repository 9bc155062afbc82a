namespace Pipeline.Domain.Assets;

/// <summary>Why an asset failed or was skipped: the failure kind, the error type and a message a person can act on.</summary>
public sealed record AssetError(FailureKind Kind, string Type, string Message);
