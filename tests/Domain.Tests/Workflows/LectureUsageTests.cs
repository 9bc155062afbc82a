using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Api;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Lecture;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;
using Pipeline.Domain.Tests.Podcast;
using Pipeline.Testing;

namespace Pipeline.Domain.Tests.Workflows;

/// <summary>
/// A whole lecture on the engine (Pipeline's catalog, in-memory blobs and records) whose image and speech generators
/// report usage, as hosted ones do: each asset's usage is on the job's final manifest and in the job view
/// <c>GET /api/jobs/{id}</c> answers, and assets whose generator reported nothing have none.
/// </summary>
public sealed class LectureUsageTests
{
    [Fact]
    public async Task LectureJob_GeneratorsReportUsage_ManifestAndJobViewShowItPerAsset()
    {
        var jobs = new RecordingJobRepository();
        await using var host = await StartAsync(jobs);
        const string jobId = "lecture-usage";
        var request = Lecture(segments: 2);
        await host.Services.GetRequiredService<LectureRequestStore>().SaveAsync(jobId, request, CancellationToken.None);

        var result = await host.RunAsync(nameof(LectureMediaWorkflow), new LectureMediaJob { JobId = jobId, Request = request, Reuse = [], RequestStored = true }, jobId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var record = await jobs.GetAsync(jobId);
        Assert.Equal(JobStatus.Completed, record!.Status);
        var images = record.Manifest.Where(o => o.Stage == LectureStage.Images).ToList();
        var narration = record.Manifest.Where(o => o.Stage == LectureStage.Narration).ToList();
        Assert.NotEmpty(images);
        Assert.Equal(2, narration.Count);
        Assert.All(images, o => Assert.Equal(new MediaUsage { Provider = "openai", Model = "gpt-image-1", Images = 1, ImageSize = "320x180" }, o.Usage));
        Assert.All(narration, o =>
        {
            var text = request.Segments!.Single(s => LectureAssets.Narration(s.Index) == o.AssetId).Text!;
            Assert.Equal(("openai", "tts-1", (long?)text.Length), (o.Usage!.Provider, o.Usage.Model, o.Usage.Characters));
            Assert.Equal(2.5, o.Usage.AudioSeconds);
        });
        Assert.Null(Assert.Single(record.Manifest, o => o.Stage == LectureStage.Music).Usage);

        // GET /api/jobs/{id}: every asset shows its usage, with the fields the provider did not report left out.
        var api = ActivatorUtilities.CreateInstance<JobsApi>(host.Services, (DurableTaskClient)host.Client);
        var answer = await api.GetAsync(jobId, includeSteps: false, "http://127.0.0.1:7071", CancellationToken.None);
        Assert.Equal(200, answer.Status);
        using var json = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(answer.Body, answer.Body!.GetType(), JobsApi.JsonOptions));
        var assets = json.RootElement.GetProperty("assets").EnumerateArray().ToList();
        var image = assets.First(a => a.GetProperty("stage").GetString() == LectureStage.Images);
        Assert.Equal(
            """{"provider":"openai","model":"gpt-image-1","images":1,"imageSize":"320x180"}""",
            image.GetProperty("usage").GetRawText());
        var spoken = assets.First(a => a.GetProperty("stage").GetString() == LectureStage.Narration);
        Assert.Equal(["provider", "model", "characters", "audioSeconds"], spoken.GetProperty("usage").EnumerateObject().Select(p => p.Name));
        Assert.False(assets.Single(a => a.GetProperty("stage").GetString() == LectureStage.Music).TryGetProperty("usage", out _));
    }

    private static Task<TestEngine> StartAsync(RecordingJobRepository jobs)
        => TestEngine.StartAsync(PipelineCatalog.Create(), s => s
            .AddSingleton<IBlobStore, InMemoryBlobStore>()
            .AddSingleton<IJobRepository>(jobs)
            .AddSingleton<JobRecords>()
            .AddSingleton<LectureRequestStore>()
            .AddSingleton<IImageGenerator>(new ImagesReportingUsage())
            .AddSingleton<ISpeechGenerator>(new SpeechReportingUsage())
            .AddSingleton<IMusicGenerator>(new SilentMusic())
            .AddSingleton(TimeProvider.System)
            .AddSingleton<PayloadJanitor>()
            .AddOptions<JobsApiOptions>().Services
            .AddOptions<LectureMediaOptions>().Configure(o => (o.ImageWidth, o.ImageHeight) = (320, 180)).Services
            .AddOptions<JobStatusOptions>());

    private static LectureMediaRequest Lecture(int segments) => new()
    {
        LectureId = "lecture-usage",
        Title = "Why the sky is blue",
        Segments = [.. Enumerable.Range(0, segments).Select(i => new LectureSegment
        {
            Index = i,
            Text = $"Segment {i}. Sunlight scatters off the air, and blue light scatters most.",
            ImagePrompts = [$"scattered light {i}"],
        })],
        Music = new LectureMusic { Prompt = "soft strings", DurationSeconds = 2 },
        Options = new LectureOptions { Stages = [LectureStage.Images, LectureStage.Narration, LectureStage.Music] },
    };

    /// <summary>Image bytes with the usage an images endpoint reports: one image of the asked size.</summary>
    private sealed class ImagesReportingUsage : IImageGenerator
    {
        public Task<GeneratedMedia> GenerateImageAsync(string prompt, int width, int height, CancellationToken cancellationToken = default)
            => Task.FromResult(Media($"image of {prompt}", "image/png", "png") with
            {
                Usage = new MediaUsage { Provider = "openai", Model = "gpt-image-1", Images = 1, ImageSize = $"{width}x{height}" },
            });
    }

    /// <summary>Speech bytes with the usage a speech endpoint implies: the characters spoken and the seconds produced.</summary>
    private sealed class SpeechReportingUsage : ISpeechGenerator
    {
        public Task<GeneratedMedia> SynthesizeAsync(string text, VoiceProfile voice, CancellationToken cancellationToken = default)
            => Task.FromResult(Media($"speech of {text}", "audio/wav", "wav") with
            {
                Duration = TimeSpan.FromSeconds(2.5),
                Usage = new MediaUsage { Provider = "openai", Model = "tts-1", Characters = text.Length, AudioSeconds = 2.5 },
            });
    }

    /// <summary>Music from a generator that reports nothing.</summary>
    private sealed class SilentMusic : IMusicGenerator
    {
        public Task<GeneratedMedia> ComposeAsync(string prompt, TimeSpan duration, CancellationToken cancellationToken = default)
            => Task.FromResult(Media($"music for {prompt}", "audio/wav", "wav") with { Duration = duration });
    }

    private static GeneratedMedia Media(string text, string contentType, string extension) => new()
    {
        Content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text), writable: false),
        ContentType = contentType,
        Extension = extension,
    };
}
