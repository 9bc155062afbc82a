namespace Pipeline.Domain.Podcast.Activities;

/// <summary>Input of <see cref="DiarizeAudioActivity"/>: the audio blob's key and the number of speakers, when known.</summary>
public sealed record DiarizationInput(string JobId, string AudioKey, int? Speakers);
