using Pipeline.Domain.Media;
using Pipeline.Domain.Podcast;
using Pipeline.Infrastructure.Media;

namespace Pipeline.Infrastructure.Podcast;

/// <summary>
/// Outlines and scripts without a model: deterministic text from the topic, the angle and the people, structured per
/// format. An interview is an introduction, question-and-answer turns and a sign-off; a debate is a motion, opening
/// statements, rebuttal rounds led by the moderator and closing statements; an adventure is narration scene by scene
/// with each character's lines and an epilogue. The outline's sections drive the script: one section, one exchange.
/// The same request always gives the same outline and script, and no two lines of a script are the same.
/// </summary>
public sealed class LocalScriptWriter : IPodcastScriptWriter
{
    public const string ProviderName = "local-script";

    private static readonly string[] Questions =
    [
        "What first drew you to {0}?",
        "What is the most common misunderstanding about {0}?",
        "How has {0} changed over the last ten years?",
        "What does the evidence actually say about {0}?",
        "Where do you think {0} is heading next?",
        "What would you tell someone who is new to {0}?",
        "What surprised you most in your work on {0}?",
        "Which question about {0} is still open?",
    ];

    private static readonly string[] Answers =
    [
        "It started with a simple observation, and the more I looked at {0}, the more I found that the details matter more than the headlines.",
        "People tend to treat {0} as one thing, when in practice it is a set of trade-offs that depend on who you ask and when.",
        "The change has been gradual and then sudden: better measurements made {0} something we can test rather than argue about.",
        "The careful studies agree on the broad picture of {0}, even if they still disagree on how large the effects are.",
        "I expect the next few years of {0} to be about doing the basics well rather than chasing the newest idea.",
        "Start with the questions, not the answers, and be patient; {0} rewards people who read the original sources.",
        "How often the simplest explanation of {0} turned out to be right, once we had the right data in front of us.",
        "We still do not know why {0} works so well in some places and fails in others, and that is what keeps me going.",
    ];

    private static readonly string[] Arguments =
    [
        "the benefits are measurable today, while the costs are mostly speculative",
        "the costs fall on people who never agreed to bear them",
        "history shows that similar choices paid off within a generation",
        "the same history shows how often such promises were broken",
        "doing nothing is also a decision, and a more expensive one",
        "a careful, gradual approach protects us from mistakes we cannot undo",
    ];

    private static readonly string[] Places =
    [
        "a fog-bound harbour at dawn",
        "a narrow pass high in the mountains",
        "the flooded halls of an old library",
        "a night market lit by paper lanterns",
        "the deck of a ship caught in a storm",
        "a silent observatory above the clouds",
    ];

    private static readonly string[] CharacterLines =
    [
        "I have seen this before, {1}. We keep our heads and we follow the trail of {0}.",
        "Then we go now, before anyone else learns what {0} really means.",
        "Wait. Listen to that. Something about {0} is not what it seems.",
        "If we get out of here in one piece, {1}, I want the whole story of {0}.",
        "Trust me on this one. I know a way through, and it starts with {0}.",
        "We were warned about {0}, and still here we are, together.",
    ];

    public Task<PodcastOutline> WriteOutlineAsync(PodcastEpisodeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var speakers = request.Speakers();
        var topic = Clean(request.Topic!);
        var turns = request.Turns;
        var (title, description, sections) = request.Format switch
        {
            PodcastFormat.Interview => Interview(request, topic, speakers, turns),
            PodcastFormat.Debate => Debate(request, topic, speakers, turns),
            PodcastFormat.Adventure => Adventure(request, topic, speakers, turns),
            _ => throw GenerationException.Permanent(ProviderName, $"Format '{request.Format}' is not a podcast format."),
        };
        return Task.FromResult(new PodcastOutline { Format = request.Format!, Title = title, Description = description, Speakers = speakers, Sections = sections });
    }

    public Task<PodcastScript> WriteScriptAsync(PodcastEpisodeRequest request, PodcastOutline outline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(outline);
        var lines = new List<ScriptLine>();
        foreach (var section in outline.Sections)
        {
            // Each point is "speakerId|text": the outline already says who makes which point.
            foreach (var point in section.Points)
            {
                var split = point.IndexOf('|', StringComparison.Ordinal);
                if (split <= 0)
                {
                    throw GenerationException.Permanent(ProviderName, $"The outline point '{point}' does not name its speaker.");
                }

                lines.Add(new ScriptLine { Index = lines.Count, SpeakerId = point[..split], Text = point[(split + 1)..] });
            }
        }

        return Task.FromResult(new PodcastScript
        {
            Format = outline.Format,
            Title = outline.Title,
            Description = outline.Description,
            Speakers = outline.Speakers,
            Lines = lines,
        });
    }

    private static (string, string, List<OutlineSection>) Interview(PodcastEpisodeRequest request, string topic, IReadOnlyList<PodcastSpeaker> speakers, int turns)
    {
        var (host, guest) = (speakers[0], speakers[1]);
        var title = request.Title ?? $"{guest.Name} on {topic}";
        var about = guest.Description is { } d ? $", {Clean(d)}" : string.Empty;
        var angle = request.Angle is { } a ? $" Today we look at it from one angle: {Clean(a)}." : string.Empty;
        var sections = new List<OutlineSection>
        {
            Section("Introduction",
                (host, $"Welcome to the show. I am {host.Name}, and my guest today is {guest.Name}{about}. We are talking about {topic}.{angle}"),
                (guest, $"Thank you for having me, {host.Name}. {Capitalize(topic)} is close to my heart, so I am glad we have the time to do it justice.")),
        };
        var offset = Offset(topic);
        for (var i = 0; i < turns; i++)
        {
            var n = (offset + i) % Questions.Length;
            var again = i >= Questions.Length ? $" Let us go one level deeper, for the {Ordinal(i / Questions.Length + 1)} time." : string.Empty;
            sections.Add(Section($"Question {i + 1}",
                (host, string.Format(System.Globalization.CultureInfo.InvariantCulture, Questions[n], topic) + again),
                (guest, string.Format(System.Globalization.CultureInfo.InvariantCulture, Answers[n], topic) + (again.Length > 0 ? $" That is my answer for round {i + 1}." : string.Empty))));
        }

        sections.Add(Section("Closing",
            (host, $"{guest.Name}, thank you. That was a generous and clear tour of {topic}, and I learned a great deal."),
            (guest, $"The pleasure was mine, {host.Name}. Thanks to everyone listening, and keep asking good questions.")));
        return (title, $"An interview with {guest.Name}{about} about {topic}, in {turns} questions.", sections);
    }

    private static (string, string, List<OutlineSection>) Debate(PodcastEpisodeRequest request, string topic, IReadOnlyList<PodcastSpeaker> speakers, int turns)
    {
        var (moderator, pro, con) = (speakers[0], speakers[1], speakers[2]);
        var title = request.Title ?? $"The great debate: {topic}";
        var offset = Offset(topic);
        string Argument(int i) => Arguments[(offset + i) % Arguments.Length];
        var sections = new List<OutlineSection>
        {
            Section("Motion",
                (moderator, $"Good evening, and welcome. I am {moderator.Name}. Tonight's motion is: {topic}. Arguing for the motion, {pro.Name}. Arguing against, {con.Name}.")),
            Section("Opening statements",
                (pro, $"Thank you. I support the motion because {Argument(0)}. That is the heart of my case on {topic}."),
                (con, $"I oppose the motion. My opponent says {Argument(0)}, but the record on {topic} tells a different story.")),
        };
        for (var round = 1; round <= turns; round++)
        {
            sections.Add(Section($"Rebuttal round {round}",
                (moderator, $"Round {round}. {pro.Name}, answer this: why should anyone believe that {Argument(round)}?"),
                (pro, $"Because the numbers are plain. In round {round} I will say it directly: {Argument(round)}, and my opponent has not shown otherwise."),
                (con, $"With respect, round {round} proves my point. Even if {Argument(round)}, it does not follow that we should accept {topic}.")));
        }

        sections.Add(Section("Closing statements",
            (moderator, "We come to closing statements. One minute each, please, starting with the case for the motion."),
            (pro, $"In closing: the case for {topic} is practical, tested, and fair. I urge you to support the motion."),
            (con, $"In closing: good intentions are not enough. The risks of {topic} are real, and I urge you to oppose the motion."),
            (moderator, $"Thank you both, {pro.Name} and {con.Name}. The audience will now decide. Good night.")));
        return (title, $"A debate on the motion \"{topic}\": {pro.Name} for, {con.Name} against, moderated by {moderator.Name}.", sections);
    }

    private static (string, string, List<OutlineSection>) Adventure(PodcastEpisodeRequest request, string topic, IReadOnlyList<PodcastSpeaker> speakers, int turns)
    {
        var narrator = speakers[0];
        var characters = speakers.Skip(1).ToList();
        var title = request.Title ?? $"The quest for {topic}";
        var offset = Offset(topic);
        var cast = string.Join(", ", characters.Select(c => c.Description is { } d ? $"{c.Name}, {Clean(d)}" : c.Name));
        var sections = new List<OutlineSection>
        {
            Section("Prologue", (narrator, $"This is the tale of {topic}. It begins with {cast}, and with a rumour that would not go away.")),
        };
        for (var scene = 0; scene < turns; scene++)
        {
            var place = Places[(offset + scene) % Places.Length];
            var points = new List<(PodcastSpeaker, string)> { (narrator, $"Scene {scene + 1}. Our companions reach {place}, where the trail of {topic} grows warmer.") };
            for (var c = 0; c < characters.Count; c++)
            {
                var other = characters[(c + 1) % characters.Count].Name;
                var line = CharacterLines[(offset + scene + (c * 2)) % CharacterLines.Length];
                points.Add((characters[c], string.Format(System.Globalization.CultureInfo.InvariantCulture, line, topic, other) + $" This is {place}, and it is only day {scene + 1}."));
            }

            points.Add((narrator, $"And so scene {scene + 1} ends, with {place} behind them and the hardest part still ahead."));
            sections.Add(Section($"Scene {scene + 1}: {place}", [.. points]));
        }

        sections.Add(Section("Epilogue", (narrator, $"In the end, {topic} was never the treasure. The journey was, and those who shared it. Here our story ends.")));
        return (title, $"An audio adventure about {topic}, told by {narrator.Name} with {cast}, in {turns} scenes.", sections);
    }

    private static OutlineSection Section(string heading, params (PodcastSpeaker Speaker, string Text)[] points)
        => new() { Heading = heading, Points = points.Select(p => $"{p.Speaker.Id}|{p.Text}").ToList() };

    private static int Offset(string topic) => (int)(MediaHash.Seed(ProviderName, topic) % 997);

    private static string Clean(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.', '!', '?');

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Ordinal(int n) => n switch { 1 => "first", 2 => "second", 3 => "third", 4 => "fourth", _ => $"{n}th" };
}
