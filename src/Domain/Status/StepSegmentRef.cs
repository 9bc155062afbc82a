using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Status;

/// <summary>
/// A sealed, immutable part of the step log stored in a blob. At <see cref="Level"/> 0 the blob is a JSON array of
/// <see cref="StepRecord"/>; at a higher level it is a JSON array of older <see cref="StepSegmentRef"/>s (an index),
/// so the references kept in the entity stay few however long the log grows.
/// </summary>
public sealed record StepSegmentRef
{
    /// <summary>Sequence number of the first step in the segment (log order).</summary>
    public required long FirstSequence { get; init; }

    /// <summary>Sequence number of the last step in the segment (log order).</summary>
    public required long LastSequence { get; init; }

    /// <summary>How many steps the segment holds, through all its levels.</summary>
    public required int Count { get; init; }

    public int Level { get; init; }

    public required BlobRef Blob { get; init; }
}
