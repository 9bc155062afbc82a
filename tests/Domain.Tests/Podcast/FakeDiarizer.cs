using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Domain.Tests.Podcast;

/// <summary>A result of <see cref="Segments"/> segments spread over <see cref="Duration"/>, two speakers taking turns; reads the audio through.</summary>
internal sealed class FakeDiarizer : IDiarizer
{
    public int Segments { get; set; } = 10;

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(1);

    public async Task<DiarizationResult> DiarizeAsync(Stream wav, int? speakers, CancellationToken cancellationToken = default)
    {
        await wav.CopyToAsync(Stream.Null, cancellationToken);
        var length = Duration.TotalSeconds / Segments;
        var segments = Enumerable.Range(0, Segments)
            .Select(i => new DiarizedSegment(Math.Round(i * length, 3), Math.Round(((i + 1) * length) - (length * 0.1), 3), i % 2 == 0 ? "S1" : "S2"))
            .ToList();
        return new DiarizationResult
        {
            Duration = Duration.TotalSeconds,
            Speakers =
            [
                new SpeakerCluster { Label = "S1", Features = new VoiceFeatures { PitchHz = 110, SpectralCentroidHz = 1200 }, SpeechSeconds = Duration.TotalSeconds * 0.45 },
                new SpeakerCluster { Label = "S2", Features = new VoiceFeatures { PitchHz = 210, SpectralCentroidHz = 1700 }, SpeechSeconds = Duration.TotalSeconds * 0.45 },
            ],
            Segments = segments,
        };
    }
}
