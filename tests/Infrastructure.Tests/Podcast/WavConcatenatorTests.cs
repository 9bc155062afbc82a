using Pipeline.Domain.Media;
using Pipeline.Domain.Podcast;
using Pipeline.Infrastructure.Podcast;
using Pipeline.Infrastructure.Tests.Media;

namespace Pipeline.Infrastructure.Tests.Podcast;

public sealed class WavConcatenatorTests
{
    [Fact]
    public async Task ConcatenateAsync_Parts_WritesOneValidWavWithEverySampleInOrder()
    {
        var a = SyntheticVoices.Wav([(120.0, 1.0)], pauseSeconds: 0.1);
        var b = SyntheticVoices.Wav([(200.0, 0.5)], pauseSeconds: 0.25);
        using var output = new MemoryStream();

        var joined = await new WavConcatenator().ConcatenateAsync([Part("a", a), Part("b", b)], output);

        var bytes = output.ToArray();
        var wav = MediaFiles.ParseWav(bytes);
        Assert.Equal((SyntheticVoices.Rate, 1, 44), (wav.SampleRate, wav.Channels, wav.DataOffset));
        Assert.Equal(a.Length - 44 + b.Length - 44, wav.DataBytes);
        Assert.Equal(a[44..], bytes[44..a.Length]);
        Assert.Equal(b[44..], bytes[a.Length..]);
        Assert.Equal([TimeSpan.FromSeconds(1.1), TimeSpan.FromSeconds(0.75)], joined.PartDurations);
        Assert.Equal(TimeSpan.FromSeconds(1.85), joined.Duration);
    }

    [Fact]
    public async Task ConcatenateAsync_NonSeekablePartsWithOpenDataSize_ReadsToTheEnd()
    {
        var a = SyntheticVoices.Wav([(120.0, 0.5)]);
        a[40] = a[41] = a[42] = a[43] = 0xFF;
        using var output = new MemoryStream();

        var joined = await new WavConcatenator().ConcatenateAsync([new AudioPart("a", _ => Task.FromResult<Stream>(new ForwardOnlyStream(a)))], output);

        Assert.Equal(TimeSpan.FromSeconds(1.0), joined.Duration);
        Assert.Equal(a.Length, output.Length);
    }

    [Fact]
    public async Task ConcatenateAsync_PartsOfDifferentRates_IsAPermanentFailure()
    {
        var a = SyntheticVoices.Wav([(120.0, 0.2)]);
        var b = (byte[])a.Clone();
        b[24] = 0x22;
        b[25] = 0x56;

        var failure = await Assert.ThrowsAsync<GenerationException>(() => new WavConcatenator().ConcatenateAsync([Part("a", a), Part("b", b)], new MemoryStream()));

        Assert.Equal(Domain.Assets.FailureKind.Permanent, failure.Kind);
        Assert.Contains("Part 'b'", failure.Message, StringComparison.Ordinal);
    }

    private static AudioPart Part(string name, byte[] bytes) => new(name, _ => Task.FromResult<Stream>(new MemoryStream(bytes)));

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
