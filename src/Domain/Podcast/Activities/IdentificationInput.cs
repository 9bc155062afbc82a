using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>Input of <see cref="IdentifySpeakersActivity"/>: the stored diarization and the registry of known voices.</summary>
public sealed record IdentificationInput(string JobId, string DiarizationKey, IReadOnlyDictionary<string, VoiceFeatures> Registry);
