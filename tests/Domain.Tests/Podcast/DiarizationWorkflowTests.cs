using Pipeline.Domain.Durable;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Podcast;
using Pipeline.Domain.Podcast.Activities;
using Pipeline.Domain.Podcast.Diarization;
using Pipeline.Domain.Podcast.Workflows;
using Pipeline.Runtime.Testing;
using Xunit.Abstractions;

namespace Pipeline.Domain.Tests.Podcast;

public sealed class DiarizationWorkflowTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, VoiceFeatures> Registry = new()
    {
        ["Ada"] = new VoiceFeatures { PitchHz = 110, SpectralCentroidHz = 1200 },
        ["Ben"] = new VoiceFeatures { PitchHz = 210, SpectralCentroidHz = 1700 },
    };

    [Fact]
    public async Task RunAsync_TwelveHoursOf6000Segments_JobHistoryStaysUnder16KiB()
    {
        await using var host = new PodcastTestHost();
        host.Diarizer.Segments = 6000;
        host.Diarizer.Duration = TimeSpan.FromHours(12);
        await UploadAsync(host, "uploads/marathon.wav");
        await host.Jobs.CreateAsync(RecordingJobRepository.NewRecord("marathon", JobType.Diarization));

        var result = await RunAsync(host, "marathon", new DiarizationRequest { Audio = "uploads/marathon.wav", SpeakerRegistry = Registry });

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var stored = await JsonBlob.GetAsync<DiarizationResult>(host.Blobs, DiarizationBlobKeys.Segments("marathon"), CancellationToken.None);
        Assert.Equal(6000, stored.Segments.Count);
        var resultBytes = (await host.Blobs.GetPropertiesAsync(DiarizationBlobKeys.Segments("marathon"))).Length;
        var historyBytes = host.HistoryBytesOfJob("marathon");
        output.WriteLine($"12 h, 6,000 segments: result blob {resultBytes:N0} bytes, job history {historyBytes:N0} bytes");
        Assert.True(historyBytes < 16 * 1024, $"history holds {historyBytes} bytes");
        Assert.True(resultBytes > 16 * 1024, "the result itself is larger than the history budget, so the budget means something");
        var record = (await host.Jobs.GetAsync("marathon"))!;
        Assert.Equal(6000, record.Output!.Counts["segments"]);
        Assert.Equal(2, record.Output.Counts["identified"]);
    }

    [Fact]
    public async Task RunAsync_WithTranscript_AlignsEveryLineAndNamesSpeakers()
    {
        await using var host = new PodcastTestHost();
        host.Diarizer.Segments = 4;
        host.Diarizer.Duration = TimeSpan.FromSeconds(40);
        await UploadAsync(host, "uploads/short.wav");
        var transcript = new EpisodeTranscript
        {
            Title = "t",
            Duration = 40,
            Segments = Enumerable.Range(0, 4).Select(i => new TranscriptSegment { Index = i, SpeakerId = "x", Speaker = i % 2 == 0 ? "Ada" : "Ben", Text = $"line {i}", Start = i * 10, End = (i + 1) * 10 }).ToList(),
        };
        await JsonBlob.PutAsync(host.Blobs, "uploads/short.json", transcript, CancellationToken.None);
        await host.Jobs.CreateAsync(RecordingJobRepository.NewRecord("aligned", JobType.Diarization));

        var result = await RunAsync(host, "aligned", new DiarizationRequest { Audio = "uploads/short.wav", Transcript = "uploads/short.json", SpeakerRegistry = Registry });

        Assert.Equal(4, result.ReadOutputAs<EnrichmentSummary>()!.AlignedCount);
        var enriched = await JsonBlob.GetAsync<EnrichedTranscript>(host.Blobs, DiarizationBlobKeys.Transcript("aligned"), CancellationToken.None);
        Assert.Equal(["Ada", "Ben", "Ada", "Ben"], enriched.Segments.Select(s => s.Speaker));
        Assert.Equal(["line 0", "line 1", "line 2", "line 3"], enriched.Segments.Select(s => s.Text));
        Assert.Equal(
            [("diarization", 10), ("identification", 60), ("enrichment", 80), ("completed", 100)],
            host.Jobs.Phases("aligned").Select(p => (p.Phase!, p.Percent!.Value)));
    }

    [Fact]
    public async Task RunAsync_AudioMissing_RecordFailedWithoutRetries()
    {
        await using var host = new PodcastTestHost();
        await host.Jobs.CreateAsync(RecordingJobRepository.NewRecord("missing", JobType.Diarization));

        var result = await RunAsync(host, "missing", new DiarizationRequest { Audio = "uploads/nothing.wav" });

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var record = (await host.Jobs.GetAsync("missing"))!;
        Assert.Equal(JobStatus.Failed, record.Status);
        Assert.Contains("uploads/nothing.wav", record.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Runtime.Runtime.GetCounters("missing")!.ActivityExecutions[nameof(DiarizeAudioActivity)]);
    }

    [Fact]
    public async Task Replay_Diarization_IssuesIdenticalCommands()
    {
        await using var host = new PodcastTestHost();
        await UploadAsync(host, "uploads/replay.wav");
        await host.Jobs.CreateAsync(RecordingJobRepository.NewRecord("replayed", JobType.Diarization));
        await RunAsync(host, "replayed", new DiarizationRequest { Audio = "uploads/replay.wav", SpeakerRegistry = Registry });

        var replay = WorkflowReplayer.Replay(new DiarizationWorkflow(), nameof(DiarizationWorkflow), "replayed", host.Runtime.Runtime.GetHistory("replayed")!);

        Assert.True(replay.IsDeterministic, string.Join(Environment.NewLine, replay.ReplayedCommands));
        // Three phases, three stages, publish.
        Assert.Equal(7, replay.RecordedCommands.Count);
    }

    private static async Task UploadAsync(PodcastTestHost host, string key)
    {
        using var audio = new MemoryStream(new byte[1024]);
        await host.Blobs.PutAsync(key, audio, "audio/wav");
    }

    private static Task<OrchestrationMetadata> RunAsync(PodcastTestHost host, string jobId, DiarizationRequest request)
        => host.Runtime.RunAsync(nameof(DiarizationWorkflow), new DiarizationJob { JobId = jobId, Request = request }, jobId);
}
