using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>What one poll of a hosted job returns to the workflow: its status and, once it succeeded, the stored result's summary (never the segments).</summary>
public sealed record DiarizationJobPoll(HostedJobStatus Status, DiarizationSummary? Summary);
