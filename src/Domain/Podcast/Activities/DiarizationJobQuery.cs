namespace Pipeline.Domain.Podcast.Activities;

/// <summary>Input of <see cref="GetDiarizationJobActivity"/>: the job and the provider's id of its diarization job.</summary>
public sealed record DiarizationJobQuery(string JobId, string ProviderJobId);
