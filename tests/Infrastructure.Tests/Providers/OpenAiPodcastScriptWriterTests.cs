using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Media;
using Pipeline.Domain.Podcast;
using Pipeline.Infrastructure.Media;
using Pipeline.Infrastructure.Media.Providers.OpenAI;
using Pipeline.Infrastructure.Podcast;
using static Pipeline.Infrastructure.Tests.Providers.OpenAiProtocolServer;

namespace Pipeline.Infrastructure.Tests.Providers;

public sealed class OpenAiPodcastScriptWriterTests : IAsyncLifetime
{
    private const string OutlineAnswer = """
        {"title": "Tides of the Reef", "description": "A marine biologist on coral reefs.",
         "sections": [{"heading": "Welcome", "points": ["Ada introduces Ben"]}, {"heading": "Bleaching", "points": ["Why corals bleach", "What recovery looks like"]}]}
        """;

    private const string ScriptAnswer = """
        {"lines": [{"speaker": "host", "text": "Welcome to the show, Ben."}, {"speaker": "guest", "text": "Thanks, Ada. Corals bleach when the water warms."}]}
        """;

    private static readonly PodcastEpisodeRequest Interview = new()
    {
        Format = PodcastFormat.Interview,
        Topic = "coral reefs",
        Angle = "what recovery looks like",
        Host = new PodcastPerson { Name = "Ada" },
        Guest = new PodcastPerson { Name = "Ben", Description = "a marine biologist" },
    };

    private OpenAiProtocolServer _server = null!;

    public async Task InitializeAsync() => _server = await StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task WriteOutlineAsync_JsonAnswer_ParsedWithTheRequestsSpeakers()
    {
        _server.ChatAnswer = _ => OutlineAnswer;
        using var services = Build(HostedMedia.OpenAi(_server, "Scripts"));
        var writer = services.GetRequiredService<IPodcastScriptWriter>();
        Assert.IsType<OpenAiPodcastScriptWriter>(writer);

        var outline = await writer.WriteOutlineAsync(Interview);

        Assert.Equal(PodcastFormat.Interview, outline.Format);
        Assert.Equal("Tides of the Reef", outline.Title);
        Assert.Equal("A marine biologist on coral reefs.", outline.Description);
        Assert.Equal(["host", "guest"], outline.Speakers.Select(s => s.Id));
        Assert.Equal(["Ada", "Ben"], outline.Speakers.Select(s => s.Name));
        Assert.Equal(["Welcome", "Bleaching"], outline.Sections.Select(s => s.Heading));
        Assert.Equal(["Why corals bleach", "What recovery looks like"], outline.Sections[1].Points);
        var request = Assert.Single(_server.RequestsTo(Route.Chat));
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("gpt-4o-mini", (string?)request.Body["model"]);
        Assert.Equal(0, (double)request.Body["temperature"]!);
        Assert.Equal("json_object", (string?)request.Body["response_format"]!["type"]);
        var user = (string?)request.Body["messages"]![1]!["content"];
        Assert.Contains("coral reefs", user, StringComparison.Ordinal);
        Assert.Contains("guest: Ben, guest — a marine biologist", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteOutlineAsync_RequestNamesATitle_KeepsIt()
    {
        _server.ChatAnswer = _ => OutlineAnswer;
        using var services = Build(HostedMedia.OpenAi(_server, "Scripts"));

        var outline = await services.GetRequiredService<IPodcastScriptWriter>().WriteOutlineAsync(Interview with { Title = "Reef Talk" });

        Assert.Equal("Reef Talk", outline.Title);
    }

    [Fact]
    public async Task WriteScriptAsync_JsonAnswer_LinesByTheOutlinesSpeakersInOrder()
    {
        _server.ChatAnswer = _ => OutlineAnswer;
        using var services = Build(HostedMedia.OpenAi(_server, "Scripts"));
        var writer = services.GetRequiredService<IPodcastScriptWriter>();
        var outline = await writer.WriteOutlineAsync(Interview);
        _server.ChatAnswer = _ => ScriptAnswer;

        var script = await writer.WriteScriptAsync(Interview, outline);

        Assert.Null(script.Problem());
        Assert.Same(outline.Speakers, script.Speakers);
        Assert.Equal(outline.Title, script.Title);
        Assert.Equal([0, 1], script.Lines.Select(l => l.Index));
        Assert.Equal(["host", "guest"], script.Lines.Select(l => l.SpeakerId));
        Assert.Equal("Thanks, Ada. Corals bleach when the water warms.", script.Lines[1].Text);
        var request = _server.RequestsTo(Route.Chat)[1];
        Assert.Equal("gpt-4o-mini", (string?)request.Body["model"]);
        Assert.Equal(0, (double)request.Body["temperature"]!);
        Assert.Equal("json_object", (string?)request.Body["response_format"]!["type"]);
        Assert.Contains("What recovery looks like", (string?)request.Body["messages"]![1]!["content"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"title\": \"T\", \"description\": \"D\", \"sections\": []}")]
    [InlineData("{\"title\": \"\", \"description\": \"D\", \"sections\": [{\"heading\": \"H\", \"points\": [\"p\"]}]}")]
    [InlineData("{\"title\": \"T\", \"description\": \"D\", \"sections\": [{\"heading\": \"H\", \"points\": [1]}]}")]
    [InlineData("{\"title\": \"T\", \"sections\": [{\"heading\": \"H\", \"points\": [\"p\"]}]}")]
    [InlineData("Here is an outline: welcome, bleaching, goodbye.")]
    public async Task WriteOutlineAsync_MalformedAnswer_FailsUnknown(string answer)
    {
        _server.ChatAnswer = _ => answer;
        using var services = Build(HostedMedia.OpenAi(_server, "Scripts"));

        var failure = await Assert.ThrowsAsync<GenerationException>(
            () => services.GetRequiredService<IPodcastScriptWriter>().WriteOutlineAsync(Interview));

        Assert.Equal(FailureKind.Unknown, failure.Kind);
        Assert.Equal("openai-scripts", failure.Provider);
    }

    [Theory]
    [InlineData("{\"lines\": [{\"speaker\": \"host\", \"text\": \"Hi.\"}, {\"speaker\": \"narrator\", \"text\": \"Meanwhile.\"}]}", "'narrator', who is not a speaker")]
    [InlineData("{\"lines\": []}", "no lines")]
    [InlineData("{\"lines\": [{\"speaker\": \"host\", \"text\": \"\"}]}", "not a JSON object with lines")]
    [InlineData("{\"script\": \"host: Hi.\"}", "not a JSON object with lines")]
    public async Task WriteScriptAsync_UnknownSpeakerEmptyOrMalformed_FailsUnknown(string answer, string expected)
    {
        _server.ChatAnswer = _ => OutlineAnswer;
        using var services = Build(HostedMedia.OpenAi(_server, "Scripts"));
        var writer = services.GetRequiredService<IPodcastScriptWriter>();
        var outline = await writer.WriteOutlineAsync(Interview);
        _server.ChatAnswer = _ => answer;

        var failure = await Assert.ThrowsAsync<GenerationException>(() => writer.WriteScriptAsync(Interview, outline));

        Assert.Equal(FailureKind.Unknown, failure.Kind);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteOutlineAsync_RateLimited_TransientWithRetryAfter()
    {
        _server.Script(Route.Chat, Fault.RateLimited(retryAfterSeconds: 9));
        using var services = Build(HostedMedia.OpenAi(_server, "Scripts"));

        var failure = await Assert.ThrowsAsync<GenerationException>(
            () => services.GetRequiredService<IPodcastScriptWriter>().WriteOutlineAsync(Interview));

        Assert.Equal(FailureKind.Transient, failure.Kind);
        Assert.Equal(TimeSpan.FromSeconds(9), failure.RetryAfter);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task WriteOutlineAsync_Unauthorized_PermanentNamingTheKeySetting()
    {
        _server.Script(Route.Chat, Fault.Unauthorized);
        using var services = Build(HostedMedia.OpenAi(_server, "Scripts"));

        var failure = await Assert.ThrowsAsync<GenerationException>(
            () => services.GetRequiredService<IPodcastScriptWriter>().WriteOutlineAsync(Interview));

        Assert.Equal(FailureKind.Permanent, failure.Kind);
        Assert.Contains("Pipeline:Media:Scripts:ApiKey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteScriptAsync_ContentPolicyRefusal_Permanent()
    {
        _server.ChatAnswer = _ => OutlineAnswer;
        using var services = Build(HostedMedia.OpenAi(_server, "Scripts"));
        var writer = services.GetRequiredService<IPodcastScriptWriter>();
        var outline = await writer.WriteOutlineAsync(Interview);
        _server.Script(Route.Chat, Fault.ContentPolicy);

        var failure = await Assert.ThrowsAsync<GenerationException>(() => writer.WriteScriptAsync(Interview, outline));

        Assert.Equal(FailureKind.Permanent, failure.Kind);
        Assert.Contains("content policy", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPipelinePodcast_ScriptsOpenAiWithoutKey_FailsAtStartNamingTheSetting()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Build(new Dictionary<string, string?>
        {
            ["Pipeline:Media:Scripts:Provider"] = "OpenAI",
        }));

        Assert.Contains(
            failure.Failures,
            f => f.Contains("Pipeline:Media:Scripts:ApiKey is required when Pipeline:Media:Scripts:Provider is OpenAI.", StringComparison.Ordinal));
    }

    [Fact]
    public void AddPipelinePodcast_UnknownScriptsKey_FailsAtStartNamingIt()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Build(new Dictionary<string, string?>
        {
            ["Pipeline:Media:Scripts:Modle"] = "gpt-4o",
        }));

        Assert.Contains(failure.Failures, f => f.Contains("Pipeline:Media:Scripts:Modle is not a setting", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ScriptsProvider_EitherRegistrationOrder_DecidesTheWriter(bool mediaFirst)
    {
        using var local = Build(new Dictionary<string, string?>(), mediaFirst);
        using var hosted = Build(HostedMedia.OpenAi(_server, "Scripts"), mediaFirst);

        Assert.IsType<LocalScriptWriter>(local.GetRequiredService<IPodcastScriptWriter>());
        Assert.IsType<OpenAiPodcastScriptWriter>(hosted.GetRequiredService<IPodcastScriptWriter>());
    }

    /// <summary>The podcast ports as a host registers them (media first when <paramref name="mediaFirst"/>), validated as at start.</summary>
    private static ServiceProvider Build(IDictionary<string, string?> settings, bool mediaFirst = false)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Pipeline:Media:PreferExternalTools"] = "false" }.Concat(settings))
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        if (mediaFirst)
        {
            services.AddPipelineMedia();
        }

        var provider = services.AddPipelinePodcast().BuildServiceProvider();
        _ = provider.GetRequiredService<IOptions<MediaOptions>>().Value;
        return provider;
    }
}
