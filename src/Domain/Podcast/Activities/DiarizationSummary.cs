using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>What diarization returns to the workflow: the result's reference and its counts, whatever its size.</summary>
public sealed record DiarizationSummary(BlobRef Result, int SegmentCount, int SpeakerCount, double DurationSeconds, double SpeechSeconds);
