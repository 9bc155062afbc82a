using Pipeline.Domain.Assets;
using Pipeline.Domain.Media;
using Pipeline.Infrastructure.Media;

namespace Pipeline.Infrastructure.Tests.Media;

public sealed class SynthMusicGeneratorTests
{
    private readonly SynthMusicGenerator _generator = new();

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.75)]
    public async Task ComposeAsync_Duration_WavOfExactlyThatDuration(double seconds)
    {
        var media = await _generator.ComposeAsync("calm piano for a biology lecture", TimeSpan.FromSeconds(seconds));
        var wav = await MediaFiles.ReadAllAsync(media);
        var info = MediaFiles.ParseWav(wav);

        Assert.Equal((44_100, 1, 16), (info.SampleRate, info.Channels, info.BitsPerSample));
        Assert.Equal((int)Math.Round(seconds * 44_100) * 2, info.DataBytes);
        Assert.InRange(info.Seconds, seconds * 0.99, seconds * 1.01);
        Assert.InRange(MediaFiles.Rms(wav, info), 0.02, 0.7);
    }

    [Fact]
    public async Task ComposeAsync_SamePrompt_IdenticalBytes_DifferentPrompt_DifferentBytes()
    {
        var duration = TimeSpan.FromSeconds(2);
        var a = MediaFiles.Sha256(await MediaFiles.ReadAllAsync(await _generator.ComposeAsync("calm piano", duration)));
        var again = MediaFiles.Sha256(await MediaFiles.ReadAllAsync(await new SynthMusicGenerator().ComposeAsync("calm piano", duration)));
        var other = MediaFiles.Sha256(await MediaFiles.ReadAllAsync(await _generator.ComposeAsync("upbeat synth", duration)));

        Assert.Equal(a, again);
        Assert.NotEqual(a, other);
    }

    [Fact]
    public async Task ComposeAsync_ZeroDuration_ThrowsPermanent()
    {
        var error = await Assert.ThrowsAsync<GenerationException>(() => _generator.ComposeAsync("calm piano", TimeSpan.Zero));

        Assert.Equal(FailureKind.Permanent, error.Kind);
    }
}
