using Pipeline.Domain.Podcast;

namespace Pipeline.Domain.Tests.Podcast;

public sealed class PodcastEpisodeRequestTests
{
    public static TheoryData<string> Formats => new(PodcastFormat.All);

    [Theory]
    [MemberData(nameof(Formats))]
    public void Validate_ValidRequestOfEachFormat_HasNoErrors(string format)
    {
        var request = Valid(format);

        Assert.True(request.Validate().IsEmpty, request.Validate().ToString());
    }

    [Fact]
    public void Validate_EmptyRequest_NamesFormatAndTopic()
    {
        var errors = new PodcastEpisodeRequest().Validate().ToDictionary();

        Assert.Equal(["format", "topic"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_InterviewWithoutGuestAndWithDebaters_KeysErrorsByField()
    {
        var request = PodcastRequests.Interview() with { Guest = null, Debaters = [new PodcastPerson { Name = "X" }] };

        var errors = request.Validate().ToDictionary();

        Assert.Contains("guest", errors.Keys);
        Assert.Contains("debaters", errors.Keys);
    }

    [Fact]
    public void Validate_DebateWithOneDebater_SaysExactlyTwo()
    {
        var request = PodcastRequests.Debate() with { Debaters = [new PodcastPerson { Name = "Solo" }] };

        var errors = request.Validate().ToDictionary();

        Assert.Contains("exactly 2", Assert.Single(errors["debaters"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AdventureWithTooManyCharactersAndBadVoice_ReportsEachPath()
    {
        var characters = Enumerable.Range(0, PodcastLimits.MaxCharacters + 1).Select(i => new PodcastPerson { Name = $"C{i}" }).ToList();
        var request = PodcastRequests.Adventure() with
        {
            Characters = characters,
            Narrator = new PodcastPerson { Name = "Nora", Voice = new PodcastVoice { Pitch = 120, SpeedWordsPerMinute = 20 } },
        };

        var errors = request.Validate().ToDictionary();

        Assert.Contains("characters", errors.Keys);
        Assert.Contains("narrator.voice.pitch", errors.Keys);
        Assert.Contains("narrator.voice.speedWordsPerMinute", errors.Keys);
    }

    [Fact]
    public void Validate_TwoPeopleWithOneName_RejectsTheSecond()
    {
        var request = PodcastRequests.Debate() with { Debaters = [new PodcastPerson { Name = "Mo" }, new PodcastPerson { Name = "Con" }] };

        var errors = request.Validate().ToDictionary();

        Assert.Contains("debaters[0].name", errors.Keys);
    }

    [Fact]
    public void Validate_OverLongTopicAndTurnsOutOfRange_NameTheLimits()
    {
        var request = PodcastRequests.Interview(new string('t', PodcastLimits.MaxTopicLength + 1)) with { Options = new PodcastEpisodeOptions { Turns = 0, MaxConcurrency = 99 } };

        var errors = request.Validate().ToDictionary();

        Assert.Contains($"limit is {PodcastLimits.MaxTopicLength}", errors["topic"][0], StringComparison.Ordinal);
        Assert.Contains("options.turns", errors.Keys);
        Assert.Contains("options.maxConcurrency", errors.Keys);
    }

    [Fact]
    public void Speakers_DebateWithoutVoices_GivesEachSpeakerADistinctPitch()
    {
        var speakers = PodcastRequests.Debate().Speakers();

        Assert.Equal(["moderator", "debater-1", "debater-2"], speakers.Select(s => s.Id));
        Assert.Equal(3, speakers.Select(s => s.Voice.Pitch).Distinct().Count());
    }

    private static PodcastEpisodeRequest Valid(string format) => format switch
    {
        PodcastFormat.Interview => PodcastRequests.Interview(),
        PodcastFormat.Debate => PodcastRequests.Debate(),
        _ => PodcastRequests.Adventure(),
    };
}
