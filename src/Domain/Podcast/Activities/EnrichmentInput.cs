namespace Pipeline.Domain.Podcast.Activities;

/// <summary>Input of <see cref="EnrichTranscriptActivity"/>: the stored diarization and identification, and a transcript to align.</summary>
public sealed record EnrichmentInput(string JobId, string DiarizationKey, string IdentificationKey, string? TranscriptKey);
