using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Jobs;

/// <summary>
/// What a finished job produced, for jobs with one main result (an episode, a diarization): a title, a description,
/// a duration and named references (<c>audio</c>, <c>transcript</c>…). References only, never the bytes.
/// </summary>
public sealed record JobOutput
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    public double? DurationSeconds { get; init; }

    public IReadOnlyDictionary<string, BlobRef> References { get; init; } = new Dictionary<string, BlobRef>();

    public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();
}
