using Pipeline.Domain.Podcast;
using Pipeline.Infrastructure.Podcast;

namespace Pipeline.Infrastructure.Tests.Podcast;

public sealed class LocalScriptWriterTests
{
    [Fact]
    public async Task WriteScriptAsync_Interview_HostAsksAndGuestAnswersInTurn()
    {
        var script = await WriteAsync(PodcastEpisodeEndToEndTests.Request(PodcastFormat.Interview) with { Options = new PodcastEpisodeOptions { Turns = 4 } });

        Assert.Equal(["host", "guest", .. Enumerable.Repeat<string>("host|guest", 4).SelectMany(p => p.Split('|')), "host", "guest"], script.Lines.Select(l => l.SpeakerId));
        Assert.All(script.Lines.Skip(2).Take(8).Where(l => l.SpeakerId == "host"), l => Assert.EndsWith("?", l.Text, StringComparison.Ordinal));
        Assert.Contains("tide pools", script.Lines[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteScriptAsync_Debate_OpeningsRebuttalRoundsAndClosings()
    {
        var script = await WriteAsync(PodcastEpisodeEndToEndTests.Request(PodcastFormat.Debate) with { Options = new PodcastEpisodeOptions { Turns = 3 } });

        var speakers = script.Lines.Select(l => l.SpeakerId).ToList();
        Assert.Equal(["moderator", "debater-1", "debater-2"], speakers.Take(3));
        Assert.Equal(3, script.Lines.Count(l => l.SpeakerId == "moderator" && l.Text.StartsWith("Round ", StringComparison.Ordinal)));
        Assert.Equal(["moderator", "debater-1", "debater-2", "moderator"], speakers.TakeLast(4));
        Assert.StartsWith("In closing", script.Lines[^3].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteScriptAsync_Adventure_EachSceneNarratedWithEveryCharacterSpeaking()
    {
        var script = await WriteAsync(PodcastEpisodeEndToEndTests.Request(PodcastFormat.Adventure) with { Options = new PodcastEpisodeOptions { Turns = 3 } });

        Assert.Equal("narrator", script.Lines[0].SpeakerId);
        Assert.Equal("narrator", script.Lines[^1].SpeakerId);
        Assert.Equal(3, script.Lines.Count(l => l.Text.StartsWith("Scene ", StringComparison.Ordinal)));
        Assert.Equal(3, script.Lines.Count(l => l.SpeakerId == "character-1"));
        Assert.Equal(3, script.Lines.Count(l => l.SpeakerId == "character-2"));
    }

    [Theory]
    [InlineData(PodcastFormat.Interview)]
    [InlineData(PodcastFormat.Debate)]
    [InlineData(PodcastFormat.Adventure)]
    public async Task WriteScriptAsync_SameRequestTwice_SameScriptWithDistinctLines(string format)
    {
        var request = PodcastEpisodeEndToEndTests.Request(format) with { Options = new PodcastEpisodeOptions { Turns = PodcastLimits.MaxTurns } };

        var first = await WriteAsync(request);
        var second = await WriteAsync(request);

        Assert.Equal(first.Lines, second.Lines);
        Assert.Null(first.Problem());
        Assert.Equal(first.Lines.Count, first.Lines.Select(l => l.Text).Distinct().Count());
    }

    private static async Task<PodcastScript> WriteAsync(PodcastEpisodeRequest request)
    {
        Assert.True(request.Validate().IsEmpty, request.Validate().ToString());
        var writer = new LocalScriptWriter();
        return await writer.WriteScriptAsync(request, await writer.WriteOutlineAsync(request));
    }
}
