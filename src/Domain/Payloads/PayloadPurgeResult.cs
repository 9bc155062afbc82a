namespace Pipeline.Domain.Payloads;

/// <summary>What <see cref="PayloadJanitor.PurgeJobAsync"/> removed for one job.</summary>
public sealed record PayloadPurgeResult
{
    public required string JobId { get; init; }

    /// <summary>Offloaded payloads deleted because no other job referenced them.</summary>
    public required int PayloadsDeleted { get; init; }

    /// <summary>Offloaded payloads kept because another job still references them.</summary>
    public required int PayloadsKept { get; init; }

    /// <summary>Asset blobs deleted under <c>jobs/{jobId}/</c>.</summary>
    public required int AssetsDeleted { get; init; }
}
