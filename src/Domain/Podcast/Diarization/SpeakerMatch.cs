namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>A cluster's identity: the registry name it matches (null when none is close enough) and the confidence, 0–1.</summary>
public sealed record SpeakerMatch(string Label, string? Name, double Confidence);
