namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>How a diarization job runs, read from the settings once and kept in history so replays decide the same.</summary>
public sealed record DiarizationPlan(DiarizationProvider Provider, TimeSpan PollInterval, TimeSpan Timeout);
