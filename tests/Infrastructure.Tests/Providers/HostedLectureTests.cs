using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Lecture;
using Pipeline.Domain.Payloads;
using Pipeline.Infrastructure.Tests.Lecture;
using static Pipeline.Infrastructure.Tests.Providers.OpenAiProtocolServer;

namespace Pipeline.Infrastructure.Tests.Providers;

/// <summary>Whole lectures on the real engine with images, speech and prompts from the OpenAI protocol server.</summary>
public sealed class HostedLectureTests : IAsyncLifetime
{
    private const int Segments = 2;
    private OpenAiProtocolServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await StartAsync();
        _server.PromptsPerAnswer = 2;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Run_EveryGeneratorHosted_EachAssetIsTheServersBytes()
    {
        await using var host = await LectureHost.StartAsync(Settings());

        var result = await host.RunAsTheApiStartsAsync("hosted-lecture", LectureHost.Lecture(Segments));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var record = (await host.Jobs.GetAsync("hosted-lecture"))!;
        Assert.Equal(JobStatus.Completed, record.Status);
        var served = _server.Requests.Where(r => r.Asset is not null).Select(r => Convert.ToHexStringLower(SHA256.HashData(r.Asset!))).ToHashSet();
        var images = record.Manifest.Where(a => a.Stage is LectureStage.Images or LectureStage.StartingImages).ToList();
        var narration = record.Manifest.Where(a => a.Stage == LectureStage.Narration).ToList();
        Assert.Equal((2 * Segments) + Segments, images.Count);
        Assert.Equal(Segments, narration.Count);
        foreach (var asset in images.Concat(narration))
        {
            var bytes = await ReadAsync(host.Blobs, asset.Blob!.Key);
            Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(bytes)), served);
            Assert.Equal(asset.Blob.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        // The images of a segment are drawn from the prompts the chat model wrote for it.
        var prompts = record.Manifest.Where(a => a.Stage == LectureStage.Prompts).ToList();
        Assert.Equal(Segments, prompts.Count);
        var written = new List<string>();
        foreach (var asset in prompts)
        {
            written.AddRange(JsonSerializer.Deserialize<string[]>(await ReadAsync(host.Blobs, asset.Blob!.Key))!);
        }

        Assert.All(written, p => Assert.StartsWith("An illustration number", p, StringComparison.Ordinal));
        var segmentImagePrompts = _server.RequestsTo(Route.Images).Select(r => (string?)r.Body["prompt"]).Where(p => p!.StartsWith("An illustration", StringComparison.Ordinal));
        Assert.Equal(written.Order(StringComparer.Ordinal), segmentImagePrompts.Order(StringComparer.Ordinal));
        Assert.Equal(Segments, _server.RequestsTo(Route.Chat).Count);
        Assert.Equal(Segments, _server.RequestsTo(Route.Speech).Count);
        Assert.All(_server.Requests, r => Assert.Equal(200, r.Status));

        // What the provider reported travels on each asset's outcome.
        Assert.All(images, a => Assert.Equal(
            new Domain.Media.MediaUsage { Provider = "openai", Model = "gpt-image-1", Images = 1, ImageSize = "1024x1024", InputTokens = a.Usage!.InputTokens, OutputTokens = 4160 },
            a.Usage));
        Assert.All(images, a => Assert.True(a.Usage!.InputTokens > 0));
        Assert.All(narration, a => Assert.Equal("tts-1", a.Usage!.Model));
        Assert.Equal(
            _server.RequestsTo(Route.Speech).Sum(r => ((string?)r.Body["input"])!.Length),
            narration.Sum(a => a.Usage!.Characters));
    }

    [Fact]
    public async Task Run_SpeechRateLimitedWithRetryAfter_ThatNarrationWaitsThenSucceedsAndItsSiblingDoesNot()
    {
        _server.Script(Route.Speech, Fault.RateLimited(retryAfterSeconds: 2));
        await using var host = await LectureHost.StartAsync(Settings());

        await host.RunAsTheApiStartsAsync("hosted-429", LectureHost.Lecture(Segments));

        var record = (await host.Jobs.GetAsync("hosted-429"))!;
        Assert.Equal(JobStatus.Completed, record.Status);
        var speech = _server.RequestsTo(Route.Speech);
        Assert.Equal(Segments + 1, speech.Count);
        var limited = Assert.Single(speech, r => r.Status == 429);
        var text = (string?)limited.Body["input"];
        var retry = Assert.Single(speech, r => r.Status == 200 && (string?)r.Body["input"] == text);

        // The next attempt waited the provider's 2 s, not the 0.2 s backoff; the other narration was asked once.
        Assert.True(retry.ReceivedAt - limited.AnsweredAt >= TimeSpan.FromSeconds(2), $"retried after {(retry.ReceivedAt - limited.AnsweredAt).TotalMilliseconds} ms");
        Assert.Single(speech, r => (string?)r.Body["input"] != text);
    }

    [Fact]
    public async Task Run_OneImageRefusedUnderContentPolicy_ThatAssetFailsPermanentAfterOneAttempt()
    {
        _server.Script(Route.Images, Fault.ContentPolicy);
        await using var host = await LectureHost.StartAsync(Settings());

        await host.RunAsTheApiStartsAsync("hosted-refusal", LectureHost.Lecture(Segments));

        var record = (await host.Jobs.GetAsync("hosted-refusal"))!;
        Assert.Equal(JobStatus.CompletedWithErrors, record.Status);
        // The refused image failed; a clip drawn from it (when it was a starting image) is skipped, nothing else.
        var failed = Assert.Single(record.Manifest, a => a.Status == AssetStatus.Failed);
        Assert.Contains(failed.Stage, new[] { LectureStage.Images, LectureStage.StartingImages });
        Assert.All(record.Manifest.Where(a => a.Status != AssetStatus.Succeeded && a != failed), a => Assert.Equal((AssetStatus.Skipped, LectureStage.Videos), (a.Status, a.Stage)));
        Assert.Equal(FailureKind.Permanent, failed.Error!.Kind);
        Assert.Contains("content policy", failed.Error.Message, StringComparison.Ordinal);

        // Never retried: one request per image asset, the refused one included.
        var imageAssets = record.Manifest.Count(a => a.Stage is LectureStage.Images or LectureStage.StartingImages);
        Assert.Equal(imageAssets, _server.RequestsTo(Route.Images).Count);
        Assert.Single(_server.RequestsTo(Route.Images), r => r.Status == 400);
    }

    [Fact]
    public async Task Run_SpeechFailsWith500Twice_NarrationRetriedUntilItSucceeds()
    {
        _server.Script(Route.Speech, Fault.ServerError, Fault.ServerError);
        await using var host = await LectureHost.StartAsync(Settings());

        await host.RunAsTheApiStartsAsync("hosted-500", LectureHost.Lecture(Segments));

        var record = (await host.Jobs.GetAsync("hosted-500"))!;
        Assert.Equal(JobStatus.Completed, record.Status);
        Assert.Equal(Segments + 2, _server.RequestsTo(Route.Speech).Count);
        Assert.Equal(2, _server.RequestsTo(Route.Speech).Count(r => r.Status == 500));
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            // An allowed size of the image model, so the stored PNG is the provider's, byte for byte.
            ["Pipeline:Lecture:ImageWidth"] = "1024",
            ["Pipeline:Lecture:ImageHeight"] = "1024",
            ["Pipeline:Media:PreferExternalTools"] = "false",
        };
        foreach (var generator in new[] { "Images", "Speech", "Prompts" })
        {
            foreach (var (key, value) in HostedMedia.OpenAi(_server, generator))
            {
                settings[key] = value;
            }
        }

        return settings;
    }

    private static async Task<byte[]> ReadAsync(IBlobStore blobs, string key)
    {
        await using var body = await blobs.GetAsync(key);
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy);
        return copy.ToArray();
    }
}
