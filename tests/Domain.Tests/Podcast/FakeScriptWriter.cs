using Pipeline.Domain.Media;
using Pipeline.Domain.Podcast;

namespace Pipeline.Domain.Tests.Podcast;

/// <summary>An outline of one section and a script of <see cref="Lines"/> lines, speakers taking turns; can fail the script of a topic.</summary>
internal sealed class FakeScriptWriter : IPodcastScriptWriter
{
    public int Lines { get; set; } = 6;

    public GenerationException? ScriptFailure { get; set; }

    /// <summary>The topic whose script fails with <see cref="ScriptFailure"/>; every topic when null.</summary>
    public string? ScriptFailureTopic { get; set; }

    public Task<PodcastOutline> WriteOutlineAsync(PodcastEpisodeRequest request, CancellationToken cancellationToken = default)
        => Task.FromResult(new PodcastOutline
        {
            Format = request.Format!,
            Title = $"Episode about {request.Topic}",
            Description = "A test episode.",
            Speakers = request.Speakers(),
            Sections = [new OutlineSection { Heading = "All", Points = ["everything"] }],
        });

    public Task<PodcastScript> WriteScriptAsync(PodcastEpisodeRequest request, PodcastOutline outline, CancellationToken cancellationToken = default)
    {
        if (ScriptFailure is { } failure && (ScriptFailureTopic is null || ScriptFailureTopic == request.Topic))
        {
            throw failure;
        }

        var lines = Enumerable.Range(0, Lines)
            .Select(i => new ScriptLine { Index = i, SpeakerId = outline.Speakers[i % outline.Speakers.Count].Id, Text = $"Secret line number {i} about {request.Topic}." })
            .ToList();
        return Task.FromResult(new PodcastScript { Format = outline.Format, Title = outline.Title, Description = outline.Description, Speakers = outline.Speakers, Lines = lines });
    }
}
