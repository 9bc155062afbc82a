using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>What assembly returns: the episode WAV and transcript references, the duration and the segment count.</summary>
public sealed record EpisodeAssembly(BlobRef Audio, BlobRef Transcript, double DurationSeconds, int SegmentCount);
