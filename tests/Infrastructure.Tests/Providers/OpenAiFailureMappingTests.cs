using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Media;
using static Pipeline.Infrastructure.Tests.Providers.OpenAiProtocolServer;

namespace Pipeline.Infrastructure.Tests.Providers;

/// <summary>Each scripted provider failure, through the real SDK client, becomes the right kind after exactly one request.</summary>
public sealed class OpenAiFailureMappingTests : IAsyncLifetime
{
    private OpenAiProtocolServer _server = null!;

    public async Task InitializeAsync() => _server = await StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string> Generators => new() { "Images", "Speech", "Prompts" };

    [Theory]
    [MemberData(nameof(Generators))]
    public async Task Call_RateLimitedWithRetryAfter_TransientWithThatWait(string generator)
    {
        _server.Script(RouteOf(generator), Fault.RateLimited(retryAfterSeconds: 7));

        var failure = await FailAsync(generator);

        Assert.Equal(FailureKind.Transient, failure.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), failure.RetryAfter);
        Assert.Contains("429", failure.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public async Task Call_ServerError_TransientWithoutWait(string generator)
    {
        _server.Script(RouteOf(generator), Fault.ServerError);

        var failure = await FailAsync(generator);

        Assert.Equal(FailureKind.Transient, failure.Kind);
        Assert.Null(failure.RetryAfter);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public async Task Call_ContentPolicyRefusal_Permanent(string generator)
    {
        _server.Script(RouteOf(generator), Fault.ContentPolicy);

        var failure = await FailAsync(generator);

        Assert.Equal(FailureKind.Permanent, failure.Kind);
        Assert.Contains("content policy", failure.Message, StringComparison.Ordinal);
        Assert.Contains("content_policy_violation", failure.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public async Task Call_Unauthorized_PermanentNamingTheKeySetting(string generator)
    {
        _server.Script(RouteOf(generator), Fault.Unauthorized);

        var failure = await FailAsync(generator);

        Assert.Equal(FailureKind.Permanent, failure.Kind);
        Assert.Contains($"Pipeline:Media:{generator}:ApiKey", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", failure.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public async Task Call_BodyCutOffMidway_Unknown(string generator)
    {
        _server.Script(RouteOf(generator), Fault.Truncated);

        var failure = await FailAsync(generator);

        Assert.Equal(FailureKind.Unknown, failure.Kind);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("Images")]
    [InlineData("Prompts")]
    public async Task Call_HalfAJsonDocument_Unknown(string generator)
    {
        _server.Script(RouteOf(generator), Fault.MalformedJson);

        var failure = await FailAsync(generator);

        Assert.Equal(FailureKind.Unknown, failure.Kind);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Call_SpeechNotAWav_Unknown()
    {
        _server.Script(Route.Speech, Fault.MalformedJson);

        var failure = await FailAsync("Speech");

        Assert.Equal(FailureKind.Unknown, failure.Kind);
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public async Task Call_AnswerSlowerThanTheTimeout_TransientNamingTheTimeoutSetting(string generator)
    {
        _server.Script(RouteOf(generator), Fault.Slow(TimeSpan.FromSeconds(30)));

        var failure = await FailAsync(generator, timeoutSeconds: 1);

        Assert.Equal(FailureKind.Transient, failure.Kind);
        Assert.Contains($"Pipeline:Media:{generator}:TimeoutSeconds", failure.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Call_WrongKey_PermanentNamingTheKeySetting()
    {
        var settings = HostedMedia.OpenAi(_server, "Images");
        settings["Pipeline:Media:Images:ApiKey"] = "not-the-test-key";
        using var services = HostedMedia.Build(settings);

        var failure = await Assert.ThrowsAsync<GenerationException>(
            () => services.GetRequiredService<IImageGenerator>().GenerateImageAsync("a fern", 1024, 1024));

        Assert.Equal(FailureKind.Permanent, failure.Kind);
        Assert.Contains("Pipeline:Media:Images:ApiKey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_AzureOpenAiUnauthorized_PermanentNamingTheKeySetting()
    {
        _server.Script(Route.Images, Fault.Unauthorized);
        using var services = HostedMedia.Build(new Dictionary<string, string?>
        {
            ["Pipeline:Media:Images:Provider"] = "AzureOpenAI",
            ["Pipeline:Media:Images:Endpoint"] = _server.AzureEndpoint.AbsoluteUri,
            ["Pipeline:Media:Images:Deployment"] = "images",
            ["Pipeline:Media:Images:ApiKey"] = ApiKey,
        });

        var failure = await Assert.ThrowsAsync<GenerationException>(
            () => services.GetRequiredService<IImageGenerator>().GenerateImageAsync("a fern", 1024, 1024));

        Assert.Equal(FailureKind.Permanent, failure.Kind);
        Assert.Equal("azure-openai-images", failure.Provider);
        Assert.Contains("Pipeline:Media:Images:ApiKey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_NothingListening_TransientNamingTheEndpointSetting()
    {
        var settings = HostedMedia.OpenAi(_server, "Images");
        await _server.DisposeAsync();
        using var services = HostedMedia.Build(settings);

        var failure = await Assert.ThrowsAsync<GenerationException>(
            () => services.GetRequiredService<IImageGenerator>().GenerateImageAsync("a fern", 1024, 1024));

        Assert.Equal(FailureKind.Transient, failure.Kind);
        Assert.Contains("Pipeline:Media:Images:Endpoint", failure.Message, StringComparison.Ordinal);
        _server = await StartAsync();
    }

    private async Task<GenerationException> FailAsync(string generator, int timeoutSeconds = 30)
    {
        using var services = HostedMedia.Build(HostedMedia.OpenAi(_server, generator, timeoutSeconds));
        Task call = generator switch
        {
            "Images" => services.GetRequiredService<IImageGenerator>().GenerateImageAsync("a fern", 1024, 1024),
            "Speech" => services.GetRequiredService<ISpeechGenerator>().SynthesizeAsync("Ferns unfurl.", new VoiceProfile { Name = "alloy" }),
            _ => services.GetRequiredService<IPromptWriter>().WriteImagePromptsAsync("Ferns unfurl.", 1),
        };
        return await Assert.ThrowsAsync<GenerationException>(() => call);
    }

    private static Route RouteOf(string generator) => generator switch
    {
        "Images" => Route.Images,
        "Speech" => Route.Speech,
        _ => Route.Chat,
    };
}
