using System.Text.Json.Serialization;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Jobs;

/// <summary>
/// The durable record of one job: what was asked, where it stands, and the manifest of its assets (references only).
/// When the record would grow past the store's inline limit, its manifest lives in a blob and
/// <see cref="ManifestBlob"/> points to it; <see cref="IJobRepository"/> hides that from callers.
/// </summary>
public sealed record JobRecord
{
    public required string Id { get; init; }

    /// <summary>One of <see cref="JobType"/>.</summary>
    public required string Type { get; init; }

    public required JobRequestSummary Request { get; init; }

    public JobStatus Status { get; init; } = JobStatus.Pending;

    public JobProgress Progress { get; init; } = JobProgress.None;

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public IReadOnlyList<AssetOutcome> Manifest { get; init; } = [];

    /// <summary>Where the manifest lives when it overflowed the record; null when it is inline.</summary>
    public BlobRef? ManifestBlob { get; init; }

    public JobError? Error { get; init; }

    /// <summary>The main result of a finished job (an episode's audio and transcript, a diarization); null until then.</summary>
    public JobOutput? Output { get; init; }

    /// <summary>The store's version of this record, for optimistic concurrency; never part of the document body.</summary>
    [JsonIgnore]
    public string? ETag { get; init; }
}
