using Pipeline.Domain.Assets;

namespace Pipeline.Domain.Jobs;

/// <summary>Input of <c>CompleteJobActivity</c>: the manifest (references only) and when the job ended.</summary>
public sealed record JobCompletion(string JobId, IReadOnlyList<AssetOutcome> Manifest, DateTimeOffset At);
