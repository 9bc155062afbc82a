using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Domain.Tests.Podcast;

/// <summary>A result of <see cref="Segments"/> segments spread over <see cref="Duration"/>, two speakers taking turns; reads the audio through.</summary>
internal sealed class FakeDiarizer : IDiarizer
{
    public int Segments { get; set; } = 10;

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Segments and duration for audio of a given length in bytes, instead of the defaults.</summary>
    public Dictionary<long, (int Segments, TimeSpan Duration)> ByAudioLength { get; } = [];

    public async Task<DiarizationResult> DiarizeAsync(Stream wav, int? speakers, CancellationToken cancellationToken = default)
    {
        using var audio = new MemoryStream();
        await wav.CopyToAsync(audio, cancellationToken);
        var (count, duration) = ByAudioLength.TryGetValue(audio.Length, out var shape) ? shape : (Segments, Duration);
        return Result(count, duration);
    }

    private static DiarizationResult Result(int count, TimeSpan duration)
    {
        var length = duration.TotalSeconds / count;
        var segments = Enumerable.Range(0, count)
            .Select(i => new DiarizedSegment(Math.Round(i * length, 3), Math.Round(((i + 1) * length) - (length * 0.1), 3), i % 2 == 0 ? "S1" : "S2"))
            .ToList();
        return new DiarizationResult
        {
            Duration = duration.TotalSeconds,
            Speakers =
            [
                new SpeakerCluster { Label = "S1", Features = new VoiceFeatures { PitchHz = 110, SpectralCentroidHz = 1200 }, SpeechSeconds = duration.TotalSeconds * 0.45 },
                new SpeakerCluster { Label = "S2", Features = new VoiceFeatures { PitchHz = 210, SpectralCentroidHz = 1700 }, SpeechSeconds = duration.TotalSeconds * 0.45 },
            ],
            Segments = segments,
        };
    }
}
