using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>What enrichment returns: the enriched transcript's reference, its segment count and how many were aligned.</summary>
public sealed record EnrichmentSummary(BlobRef Transcript, int SegmentCount, int AlignedCount);
