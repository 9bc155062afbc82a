namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>What <see cref="IVoiceMeasurer"/> found: the recording's duration in seconds and each speaker's voice features.</summary>
public sealed record MeasuredVoices(double Duration, IReadOnlyDictionary<string, VoiceFeatures> Speakers);
