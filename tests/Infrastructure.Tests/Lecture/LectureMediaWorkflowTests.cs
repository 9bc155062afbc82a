using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Lecture;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;
using Pipeline.Runtime.History;
using Pipeline.Runtime.Testing;
using Pipeline.Testing;

namespace Pipeline.Infrastructure.Tests.Lecture;

public sealed class LectureMediaWorkflowTests
{
    [Fact]
    public async Task Run_TwelveSegmentLecture_EveryAssetIsAValidFileMatchingTheManifest()
    {
        await using var host = new LectureHost();
        var result = await host.RunAsTheApiStartsAsync("lecture-twelve", LectureHost.Lecture(12));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var summary = result.ReadOutputAs<JobSummary>()!;
        Assert.Equal(JobStatus.Completed, summary.Status);
        var record = (await host.Jobs.GetAsync("lecture-twelve"))!;
        Assert.Equal(JobStatus.Completed, record.Status);
        var manifest = record.Manifest;
        Assert.Equal(12 + 24 + 12 + 1 + 12 + 12, manifest.Count);
        Assert.All(manifest, a => Assert.Equal(AssetStatus.Succeeded, a.Status));
        foreach (var asset in manifest)
        {
            var bytes = await ReadAsync(host.Blobs, asset.Blob!.Key);
            Assert.Equal(asset.Blob.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal(asset.Blob.Length, bytes.Length);
            Assert.True(HasValidHeader(asset.Stage, bytes), $"{asset.AssetId} ({asset.Blob.ContentType}) does not start like a {asset.Stage} file");
        }

        var historyBytesPerAsset = (double)host.Runtime.Runtime.HistoryBytesOfJob("lecture-twelve") / manifest.Count;
        Assert.True(historyBytesPerAsset <= 512, $"{historyBytesPerAsset:F0} history bytes per asset");

        var state = (await host.Runtime.Client.Entities.GetEntityAsync<JobStatusState>(JobStatusEntity.IdFor("lecture-twelve")))!.State;
        Assert.Equal(JobStatus.Completed, state.Status);
        Assert.Equal(manifest.Count, state.Stages.Sum(s => s.Succeeded));
    }

    [Fact]
    public async Task Run_TwelveSegmentLectureWithProviderLatencies_StaysWithin512HistoryBytesPerAsset()
    {
        // Generator calls take 5 s median (lognormal, σ = 1) of virtual time: completions spread out as with a hosted
        // provider, so status reports go together far less than when every asset finishes at once.
        await using var host = LectureHost.WithProviderLatency(TimeSpan.FromSeconds(5));
        var start = host.Runtime.Clock.GetUtcNow();

        var result = await host.RunAsTheApiStartsAsync("lecture-slow", LectureHost.Lecture(12));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.True(host.Runtime.Clock.GetUtcNow() - start > TimeSpan.FromSeconds(30), "the run took virtual time");
        var reports = host.Runtime.Runtime.GetHistory("lecture-slow")!.Count(e => e.Name == nameof(JobStatusEntity.RecordSteps));
        Assert.InRange(reports, 12, 72);
        var historyBytesPerAsset = (double)host.Runtime.Runtime.HistoryBytesOfJob("lecture-slow") / 73;
        Assert.True(historyBytesPerAsset <= 512, $"{historyBytesPerAsset:F0} history bytes per asset");

        // Which completions went together depends on workflow time; replay decides the same.
        var replay = WorkflowReplayer.Replay(new LectureMediaWorkflow(), nameof(LectureMediaWorkflow), "lecture-slow", host.Runtime.Runtime.GetHistory("lecture-slow")!, host.Runtime.Runtime.Converter);
        Assert.True(replay.IsDeterministic, string.Join(Environment.NewLine, replay.ReplayedCommands));
    }

    [Fact]
    public async Task Run_SegmentsOfDifferentLengths_StartsTheLongestNarrationAndVideoFirst()
    {
        await using var host = new LectureHost();
        var lecture = LectureHost.Lecture(4, givenPrompts: true);
        var words = new[] { 12, 40, 5, 25 };
        var request = lecture with
        {
            Segments = [.. lecture.Segments!.Select(s => s with { Text = string.Join(' ', Enumerable.Repeat("tide", words[s.Index])) })],
            Options = new LectureOptions { MaxConcurrency = 1 },
        };

        var result = await host.RunAsync("lecture-longest-first", request);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var scheduled = host.Runtime.Runtime.GetHistory("lecture-longest-first")!
            .Where(e => e.Type == Pipeline.Runtime.History.HistoryEventType.TaskScheduled)
            .Select(e => System.Text.Json.JsonDocument.Parse(e.Payload!).RootElement)
            .Where(p => p.TryGetProperty("assetId", out _))
            .ToList();
        string[] Order(string stage) => [.. scheduled.Where(p => p.GetProperty("stage").GetString() == stage).Select(p => p.GetProperty("assetId").GetString()!)];
        Assert.Equal(["seg-001-narration", "seg-003-narration", "seg-000-narration", "seg-002-narration"], Order(LectureStage.Narration));
        Assert.Equal(["seg-001-video", "seg-003-video", "seg-000-video", "seg-002-video"], Order(LectureStage.Videos));
        Assert.Equal(["seg-000-img-0", "seg-000-img-1", "seg-001-img-0"], Order(LectureStage.Images)[..3]);
        var manifest = (await host.Jobs.GetAsync("lecture-longest-first"))!.Manifest;
        Assert.Equal(["seg-000-narration", "seg-001-narration", "seg-002-narration", "seg-003-narration"], manifest.Where(a => a.Stage == LectureStage.Narration).Select(a => a.AssetId));
    }

    [Fact]
    public async Task Run_ThirtyPercentTransientFailures_EveryAssetSucceedsAndIsGeneratedOnce()
    {
        CountingBlobStore? blobs = null;
        await using var host = new LectureHost(
            new Dictionary<string, string?>
            {
                ["Pipeline:Media:FaultInjection:Enabled"] = "true",
                ["Pipeline:Media:FaultInjection:TransientRate"] = "0.3",
                ["Pipeline:Media:FaultInjection:Seed"] = "42",
            },
            s => s.Decorate<IBlobStore>((inner, _) => blobs = new CountingBlobStore(inner)));

        var result = await host.RunAsync("lecture-flaky", LectureHost.Lecture(6, givenPrompts: true));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var manifest = (await host.Jobs.GetAsync("lecture-flaky"))!.Manifest;
        Assert.All(manifest, a => Assert.Equal(AssetStatus.Succeeded, a.Status));
        Assert.All(manifest, a => Assert.Equal(1, blobs!.WritesOf(a.Blob!.Key)));
        var attempts = host.Runtime.Runtime.AttemptsByAsset();
        Assert.Contains(attempts.Values, n => n > 1);
        Assert.All(manifest, a => Assert.InRange(attempts[a.AssetId], 1, new LectureMediaOptions().Retry.MaxAttempts));
    }

    [Fact]
    public async Task Run_PermanentFailuresOnChosenAssets_RecordsThemSkipsTheirVideosAndKeepsTheRest()
    {
        await using var host = new LectureHost(services: s => s.Decorate<IImageGenerator>((inner, _) => new RefusingImageGenerator(inner)));
        var request = LectureHost.Lecture(4, givenPrompts: true, videoPrompt: i => i is 1 or 3 ? "REFUSE this scene" : null);

        var result = await host.RunAsync("lecture-refused", request);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var record = (await host.Jobs.GetAsync("lecture-refused"))!;
        Assert.Equal(JobStatus.CompletedWithErrors, record.Status);
        var byId = record.Manifest.ToDictionary(a => a.AssetId);
        foreach (var segment in new[] { 1, 3 })
        {
            var start = byId[LectureAssets.StartingImage(segment)];
            Assert.Equal((AssetStatus.Failed, FailureKind.Permanent), (start.Status, start.Error!.Kind));
            Assert.Contains("content policy", start.Error.Message, StringComparison.Ordinal);
            var video = byId[LectureAssets.Video(segment)];
            Assert.Equal(AssetStatus.Skipped, video.Status);
            Assert.Contains($"starting image of segment {segment} failed", video.Error!.Message, StringComparison.Ordinal);
        }

        Assert.Equal(AssetStatus.Succeeded, byId[LectureAssets.Video(0)].Status);
        Assert.Equal(record.Manifest.Count - 4, record.Manifest.Count(a => a.Status == AssetStatus.Succeeded));
        Assert.Equal(1, host.Runtime.Runtime.AttemptsByAsset()[LectureAssets.StartingImage(1)]);
    }

    [Fact]
    public async Task Run_WorkflowFailure_MarksTheJobFailedWithTheError()
    {
        await using var host = new LectureHost();
        var invalid = LectureHost.Lecture(2) with { Title = "" };

        var result = await host.RunAsync("lecture-invalid", invalid);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var record = (await host.Jobs.GetAsync("lecture-invalid"))!;
        Assert.Equal(JobStatus.Failed, record.Status);
        Assert.Contains("title", record.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RequestStoredByTheStarter_HistoryCarriesItOnce()
    {
        await using var host = new LectureHost();
        var request = LectureHost.Lecture(3, givenPrompts: true);
        await host.Services.GetRequiredService<LectureRequestStore>().SaveAsync("lecture-stored", request, CancellationToken.None);

        var result = await host.RunAsync("lecture-stored", request, requestStored: true);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(JobStatus.Completed, (await host.Jobs.GetAsync("lecture-stored"))!.Status);
        var carrying = host.Runtime.Runtime.GetHistory("lecture-stored")!.Where(e => e.Payload?.Contains("The moon pulls", StringComparison.Ordinal) == true);
        Assert.Equal(HistoryEventType.ExecutionStarted, Assert.Single(carrying).Type);
    }

    [Fact]
    public async Task Run_RequestMarkedStoredButMissing_FailsTheJobNamingTheKey()
    {
        await using var host = new LectureHost();

        var result = await host.RunAsync("lecture-unstored", LectureHost.Lecture(2), requestStored: true);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var record = (await host.Jobs.GetAsync("lecture-unstored"))!;
        Assert.Equal(JobStatus.Failed, record.Status);
        Assert.Contains("jobs/lecture-unstored/request.json does not exist", record.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RetryWithPreviousOutcomes_RegeneratesOnlyTheFailedAssets()
    {
        CountingBlobStore? blobs = null;
        await using var host = new LectureHost(services: s => s
            .Decorate<IImageGenerator>((inner, _) => new RefusingImageGenerator(inner))
            .Decorate<IBlobStore>((inner, _) => blobs = new CountingBlobStore(inner)));
        var first = LectureHost.Lecture(3, givenPrompts: true, videoPrompt: i => i == 2 ? "REFUSE" : null);
        await host.RunAsync("lecture-retry", first);
        var previous = (await host.Jobs.GetAsync("lecture-retry"))!.Manifest;

        var fixedRequest = first with { Segments = [.. first.Segments!.Select(s => s with { VideoPrompt = null })] };
        var result = await host.RunAsync("lecture-retry", fixedRequest, previous);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var record = (await host.Jobs.GetAsync("lecture-retry"))!;
        Assert.Equal(JobStatus.Completed, record.Status);
        Assert.All(record.Manifest.Where(a => a.AssetId is not "seg-002-start" and not "seg-002-video"), a => Assert.Equal(1, blobs!.WritesOf(a.Blob!.Key)));
        Assert.Equal(1, blobs!.WritesOf(record.Manifest.Single(a => a.AssetId == "seg-002-video").Blob!.Key));
    }

    [Fact]
    public async Task Replay_LectureHistory_IssuesIdenticalCommands()
    {
        await using var host = new LectureHost();
        await host.RunAsync("lecture-replay", LectureHost.Lecture(3));

        var replay = WorkflowReplayer.Replay(new LectureMediaWorkflow(), nameof(LectureMediaWorkflow), "lecture-replay", host.Runtime.Runtime.GetHistory("lecture-replay")!, host.Runtime.Runtime.Converter);

        Assert.True(replay.IsDeterministic, string.Join(Environment.NewLine, replay.ReplayedCommands));
        Assert.Contains(replay.RecordedCommands, c => c.Contains(nameof(Domain.Activities.GenerateVideoActivity), StringComparison.Ordinal));
    }

    private static async Task<byte[]> ReadAsync(IBlobStore blobs, string key)
    {
        await using var body = await blobs.GetAsync(key);
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static bool HasValidHeader(string stage, byte[] bytes) => stage switch
    {
        LectureStage.Images or LectureStage.StartingImages => bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
        LectureStage.Narration or LectureStage.Music => Ascii(bytes, 0, 4) == "RIFF" && Ascii(bytes, 8, 4) == "WAVE",
        LectureStage.Videos => Ascii(bytes, 4, 4) == "ftyp" || (Ascii(bytes, 0, 4) == "RIFF" && Ascii(bytes, 8, 4) == "AVI "),
        LectureStage.Prompts => bytes[0] == (byte)'[',
        _ => false,
    };

    private static string Ascii(byte[] bytes, int offset, int count) => System.Text.Encoding.ASCII.GetString(bytes, offset, count);
}
