namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>A stretch of speech by one speaker cluster: start and end in seconds, and the cluster's label (<c>S1</c>…).</summary>
public sealed record DiarizedSegment(double Start, double End, string Speaker);
