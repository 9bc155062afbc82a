using Pipeline.Domain.Podcast;

namespace Pipeline.Domain.Tests.Podcast;

/// <summary>Valid requests for each format.</summary>
internal static class PodcastRequests
{
    public static PodcastEpisodeRequest Interview(string topic = "tide pools") => new()
    {
        Format = PodcastFormat.Interview,
        Topic = topic,
        Host = new PodcastPerson { Name = "Ada", Voice = new PodcastVoice { Pitch = 30 } },
        Guest = new PodcastPerson { Name = "Ben", Description = "a marine biologist", Voice = new PodcastVoice { Pitch = 80 } },
    };

    public static PodcastEpisodeRequest Debate(string topic = "cities should ban cars") => new()
    {
        Format = PodcastFormat.Debate,
        Topic = topic,
        Moderator = new PodcastPerson { Name = "Mo" },
        Debaters = [new PodcastPerson { Name = "Pro" }, new PodcastPerson { Name = "Con" }],
    };

    public static PodcastEpisodeRequest Adventure(string topic = "the lost compass") => new()
    {
        Format = PodcastFormat.Adventure,
        Topic = topic,
        Narrator = new PodcastPerson { Name = "Nora" },
        Characters = [new PodcastPerson { Name = "Kit", Description = "a cartographer" }, new PodcastPerson { Name = "Rook" }],
    };
}
