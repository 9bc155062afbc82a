namespace Pipeline.Domain.Podcast.Activities;

/// <summary>Input of <see cref="StartDiarizationJobActivity"/>: the uploaded audio's URL at the provider and the number of speakers, when known.</summary>
public sealed record DiarizationJobStart(string JobId, string MediaUrl, int? Speakers);
