using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Media;
using Pipeline.Infrastructure.Media;

namespace Pipeline.Infrastructure.Tests.Media;

public sealed class SpeechGeneratorTests
{
    private const string Sentence = "Light drives the reaction.";
    private static readonly VoiceProfile Voice = new() { Name = "en-us", Pitch = 40, SpeedWordsPerMinute = 170 };

    [Fact]
    public async Task SynthSpeechGenerator_Text_Wav22050MonoWithHeaderMatchingDuration()
    {
        var media = await new SynthSpeechGenerator().SynthesizeAsync(Sentence, Voice);
        var reported = media.Duration!.Value;
        var wav = await MediaFiles.ReadAllAsync(media);
        var info = MediaFiles.ParseWav(wav);

        Assert.Equal((22_050, 1, 16), (info.SampleRate, info.Channels, info.BitsPerSample));
        Assert.Equal(reported.TotalSeconds, info.Seconds, 3);
        Assert.InRange(info.Seconds, 0.8, 3.0);
        Assert.InRange(MediaFiles.Rms(wav, info), 0.02, 0.7);
    }

    [Fact]
    public async Task SynthSpeechGenerator_LongerTextOrSlowerVoice_ProportionallyLonger()
    {
        var generator = new SynthSpeechGenerator();
        var once = (await generator.SynthesizeAsync(Sentence, Voice)).Duration!.Value.TotalSeconds;
        var thrice = (await generator.SynthesizeAsync($"{Sentence} {Sentence} {Sentence}", Voice)).Duration!.Value.TotalSeconds;
        var slow = (await generator.SynthesizeAsync(Sentence, Voice with { SpeedWordsPerMinute = 85 })).Duration!.Value.TotalSeconds;

        Assert.InRange(thrice / once, 2.8, 3.2);
        Assert.InRange(slow / once, 1.6, 2.2);
    }

    [Fact]
    public async Task SynthSpeechGenerator_SameInput_IdenticalBytes_DifferentInput_DifferentBytes()
    {
        var generator = new SynthSpeechGenerator();
        var a = MediaFiles.Sha256(await MediaFiles.ReadAllAsync(await generator.SynthesizeAsync(Sentence, Voice)));
        var again = MediaFiles.Sha256(await MediaFiles.ReadAllAsync(await generator.SynthesizeAsync(Sentence, Voice)));
        var higher = MediaFiles.Sha256(await MediaFiles.ReadAllAsync(await generator.SynthesizeAsync(Sentence, Voice with { Pitch = 80 })));
        var other = MediaFiles.Sha256(await MediaFiles.ReadAllAsync(await generator.SynthesizeAsync("Water splits.", Voice)));

        Assert.Equal(a, again);
        Assert.NotEqual(a, higher);
        Assert.NotEqual(a, other);
    }

    [RequiresToolFact("espeak-ng")]
    public async Task EspeakSpeechGenerator_Text_Wav22050MonoWithDurationAndIdenticalBytesForSameInput()
    {
        var generator = Espeak();
        var media = await generator.SynthesizeAsync(Sentence, Voice);
        var reported = media.Duration!.Value;
        var wav = await MediaFiles.ReadAllAsync(media);
        var info = MediaFiles.ParseWav(wav);
        var again = await MediaFiles.ReadAllAsync(await generator.SynthesizeAsync(Sentence, Voice));
        var other = await MediaFiles.ReadAllAsync(await generator.SynthesizeAsync("Water splits into oxygen.", Voice));

        Assert.Equal((22_050, 1, 16), (info.SampleRate, info.Channels, info.BitsPerSample));
        Assert.Equal(reported.TotalSeconds, info.Seconds, 3);
        Assert.InRange(info.Seconds, 0.8, 4.0);
        Assert.InRange(MediaFiles.Rms(wav, info), 0.01, 0.8);
        Assert.Equal(MediaFiles.Sha256(wav), MediaFiles.Sha256(again));
        Assert.NotEqual(MediaFiles.Sha256(wav), MediaFiles.Sha256(other));
    }

    [RequiresToolFact("espeak-ng")]
    public async Task EspeakSpeechGenerator_TextWithShellCharacters_SpokenNotInterpreted()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"pipeline-espeak-{Guid.NewGuid():N}");
        var media = await Espeak().SynthesizeAsync($"Hello\"; touch {marker}; echo $(touch {marker}) `touch {marker}` -w x", Voice);
        var info = MediaFiles.ParseWav(await MediaFiles.ReadAllAsync(media));

        Assert.False(File.Exists(marker));
        Assert.True(info.Seconds > 1);
    }

    [RequiresToolFact("espeak-ng")]
    public async Task EspeakSpeechGenerator_Dispose_RemovesTheTemporaryFile()
    {
        var media = await Espeak().SynthesizeAsync(Sentence, Voice);
        var path = ((FileStream)media.Content).Name;
        Assert.True(File.Exists(path));

        await media.DisposeAsync();

        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("", 50, 160)]
    [InlineData("Hello.", 120, 160)]
    [InlineData("Hello.", 50, 20)]
    public async Task SynthesizeAsync_InvalidTextOrVoice_ThrowsPermanent(string text, int pitch, int speed)
    {
        var voice = Voice with { Pitch = pitch, SpeedWordsPerMinute = speed };

        var error = await Assert.ThrowsAsync<GenerationException>(() => new SynthSpeechGenerator().SynthesizeAsync(text, voice));

        Assert.Equal(FailureKind.Permanent, error.Kind);
    }

    [Fact]
    public void SpeechGeneratorFactory_ExternalToolsOff_ChoosesTheSynthesizer()
    {
        var generator = SpeechGeneratorFactory.Create(new MediaOptions { PreferExternalTools = false }, NullLoggerFactory.Instance, _ => "/bin/espeak-ng");

        Assert.IsType<SynthSpeechGenerator>(generator);
    }

    [Fact]
    public void SpeechGeneratorFactory_EspeakMissing_ChoosesTheSynthesizer_Present_ChoosesEspeak()
    {
        Assert.IsType<SynthSpeechGenerator>(SpeechGeneratorFactory.Create(new MediaOptions(), NullLoggerFactory.Instance, _ => null));
        Assert.IsType<EspeakSpeechGenerator>(SpeechGeneratorFactory.Create(new MediaOptions(), NullLoggerFactory.Instance, _ => "/bin/espeak-ng"));
    }

    private static EspeakSpeechGenerator Espeak()
        => new(ExternalTool.FindOnPath("espeak-ng")!, "en-us", NullLogger<EspeakSpeechGenerator>.Instance);
}
