using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Media;
using Pipeline.Infrastructure.Media.Providers.OpenAI;
using static Pipeline.Infrastructure.Tests.Providers.OpenAiProtocolServer;

namespace Pipeline.Infrastructure.Tests.Providers;

public sealed class OpenAiPromptWriterTests : IAsyncLifetime
{
    private OpenAiProtocolServer _server = null!;

    public async Task InitializeAsync() => _server = await StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task WriteImagePromptsAsync_AnswerWithCountPrompts_ReturnsThemInOrder()
    {
        _server.PromptsPerAnswer = 3;
        using var services = HostedMedia.Build(HostedMedia.OpenAi(_server, "Prompts"));
        var writer = services.GetRequiredService<IPromptWriter>();
        Assert.IsType<OpenAiPromptWriter>(writer);

        var prompts = await writer.WriteImagePromptsAsync("Volcanoes build islands.", 3);

        Assert.Equal(
            ["An illustration number 1 of: Volcanoes build islands.", "An illustration number 2 of: Volcanoes build islands.", "An illustration number 3 of: Volcanoes build islands."],
            prompts);
        var request = Assert.Single(_server.RequestsTo(Route.Chat));
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("gpt-4o-mini", (string?)request.Body["model"]);
        Assert.Equal(0, (double)request.Body["temperature"]!);
        Assert.Equal("json_object", (string?)request.Body["response_format"]!["type"]);
        Assert.Contains("exactly 3", (string?)request.Body["messages"]![0]!["content"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"prompts\": [\"one\", \"two\"]}")]
    [InlineData("{\"prompts\": [\"one\", \"two\", \"three\", \"four\"]}")]
    [InlineData("{\"prompts\": [\"one\", \"\", \"three\"]}")]
    [InlineData("{\"prompts\": [\"one\", 2, \"three\"]}")]
    [InlineData("{\"ideas\": [\"one\", \"two\", \"three\"]}")]
    [InlineData("Here are three prompts: one, two, three")]
    public async Task WriteImagePromptsAsync_MalformedAnswer_FailsUnknown(string answer)
    {
        _server.ChatAnswer = _ => answer;
        using var services = HostedMedia.Build(HostedMedia.OpenAi(_server, "Prompts"));

        var failure = await Assert.ThrowsAsync<GenerationException>(
            () => services.GetRequiredService<IPromptWriter>().WriteImagePromptsAsync("Volcanoes build islands.", 3));

        Assert.Equal(FailureKind.Unknown, failure.Kind);
        Assert.Equal("openai-prompts", failure.Provider);
        Assert.Contains("exactly 3 prompts", failure.Message, StringComparison.Ordinal);
    }
}
