using Pipeline.Domain.Media;
using Pipeline.Infrastructure.Podcast;

namespace Pipeline.Infrastructure.Tests.Podcast;

public sealed class EnergyPitchDiarizerTests
{
    [Fact]
    public async Task DiarizeAsync_TwoVoicesTakingTurns_FindsTwoSpeakersAndEveryTurn()
    {
        var turns = new[] { (110.0, 2.0), (220.0, 1.5), (110.0, 3.0), (220.0, 2.0), (110.0, 1.0) };
        using var wav = new MemoryStream(SyntheticVoices.Wav(turns));

        var result = await new EnergyPitchDiarizer().DiarizeAsync(wav, speakers: null);

        Assert.True(result.Speakers.Count == 2, string.Join("; ", result.Segments) + " | " + string.Join("; ", result.Speakers));
        Assert.True(result.Segments.Count == 5, string.Join("; ", result.Segments) + " | " + string.Join("; ", result.Speakers));
        Assert.Equal(["S1", "S2", "S1", "S2", "S1"], result.Segments.Select(s => s.Speaker));
        var expectedStart = 0.0;
        foreach (var ((_, seconds), segment) in turns.Zip(result.Segments))
        {
            Assert.InRange(segment.Start, expectedStart - 0.1, expectedStart + 0.1);
            Assert.InRange(segment.End, expectedStart + seconds - 0.1, expectedStart + seconds + 0.25);
            expectedStart += seconds + 0.5;
        }

        Assert.InRange(result.Speakers[0].Features.PitchHz, 104, 116);
        Assert.InRange(result.Speakers[1].Features.PitchHz, 209, 231);
    }

    [Fact]
    public async Task DiarizeAsync_OneVoice_FindsOneSpeaker()
    {
        using var wav = new MemoryStream(SyntheticVoices.Wav([(150.0, 3.0), (150.0, 2.0), (150.0, 4.0)], pauseSeconds: 1.0));

        var result = await new EnergyPitchDiarizer().DiarizeAsync(wav, speakers: null);

        Assert.Single(result.Speakers);
        Assert.Equal(3, result.Segments.Count);
    }

    [Fact]
    public async Task DiarizeAsync_SpeakerCountGiven_UsesIt()
    {
        using var wav = new MemoryStream(SyntheticVoices.Wav([(100.0, 2.0), (180.0, 2.0), (300.0, 2.0)]));

        var result = await new EnergyPitchDiarizer().DiarizeAsync(wav, speakers: 2);

        Assert.Equal(2, result.Speakers.Count);
    }

    [Fact]
    public async Task DiarizeAsync_NotAWav_IsAPermanentFailure()
    {
        using var text = new MemoryStream("not audio"u8.ToArray());

        var failure = await Assert.ThrowsAsync<GenerationException>(() => new EnergyPitchDiarizer().DiarizeAsync(text, null));

        Assert.Equal(Domain.Assets.FailureKind.Permanent, failure.Kind);
    }
}
