namespace Pipeline.Domain.Podcast.Activities;

/// <summary>Input of <see cref="GetDiarizationJobActivity"/>: the job, the provider's id of its diarization job and the audio's blob key (to measure the voices).</summary>
public sealed record DiarizationJobQuery(string JobId, string ProviderJobId, string AudioKey);
