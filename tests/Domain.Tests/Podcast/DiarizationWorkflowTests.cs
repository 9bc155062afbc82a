using Microsoft.DurableTask.Client;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Podcast;
using Pipeline.Domain.Podcast.Activities;
using Pipeline.Domain.Podcast.Diarization;
using Pipeline.Domain.Podcast.Workflows;
using Pipeline.Testing;
using Pipeline.Worker;
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
    public async Task RunAsync_LongRecordingShortOneWithTranscriptAndMissingAudio_PublishAlignOrFailAndReplayWithoutNewActions()
    {
        await using var host = await PodcastTestHost.StartAsync();
        host.Diarizer.ByAudioLength[2048] = (6000, TimeSpan.FromHours(12));
        host.Diarizer.ByAudioLength[1024] = (4, TimeSpan.FromSeconds(40));
        await UploadAsync(host, "uploads/marathon.wav", 2048);
        await UploadAsync(host, "uploads/short.wav", 1024);
        var transcript = new EpisodeTranscript
        {
            Title = "t",
            Duration = 40,
            Segments = Enumerable.Range(0, 4).Select(i => new TranscriptSegment { Index = i, SpeakerId = "x", Speaker = i % 2 == 0 ? "Ada" : "Ben", Text = $"line {i}", Start = i * 10, End = (i + 1) * 10 }).ToList(),
        };
        await JsonBlob.PutAsync(host.Blobs, "uploads/short.json", transcript, CancellationToken.None);
        foreach (var jobId in new[] { "marathon", "aligned", "missing" })
        {
            await host.Jobs.CreateAsync(RecordingJobRepository.NewRecord(jobId, JobType.Diarization));
        }

        var results = await Task.WhenAll(
            RunAsync(host, "marathon", new DiarizationRequest { Audio = "uploads/marathon.wav", SpeakerRegistry = Registry }),
            RunAsync(host, "aligned", new DiarizationRequest { Audio = "uploads/short.wav", Transcript = "uploads/short.json", SpeakerRegistry = Registry }),
            RunAsync(host, "missing", new DiarizationRequest { Audio = "uploads/nothing.wav" }));

        // Twelve hours, 6,000 segments: the result is stored, and the job's history stays small.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, results[0].RuntimeStatus);
        var stored = await JsonBlob.GetAsync<DiarizationResult>(host.Blobs, DiarizationBlobKeys.Segments("marathon"), CancellationToken.None);
        Assert.Equal(6000, stored.Segments.Count);
        var resultBytes = (await host.Blobs.GetPropertiesAsync(DiarizationBlobKeys.Segments("marathon"))).Length;
        var historyBytes = await host.Engine.Engine.HistoryPayloadBytesOfJobAsync("marathon");
        output.WriteLine($"12 h, 6,000 segments: result blob {resultBytes:N0} bytes, job history {historyBytes:N0} bytes");
        Assert.True(historyBytes < 16 * 1024, $"history holds {historyBytes} bytes");
        Assert.True(resultBytes > 16 * 1024, "the result itself is larger than the history budget, so the budget means something");
        var marathon = (await host.Jobs.GetAsync("marathon"))!;
        Assert.Equal(6000, marathon.Output!.Counts["segments"]);
        Assert.Equal(2, marathon.Output.Counts["identified"]);

        // With a transcript: every line aligned and named, each phase shown in order.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, results[1].RuntimeStatus);
        Assert.Equal(4, results[1].ReadOutputAs<EnrichmentSummary>()!.AlignedCount);
        var enriched = await JsonBlob.GetAsync<EnrichedTranscript>(host.Blobs, DiarizationBlobKeys.Transcript("aligned"), CancellationToken.None);
        Assert.Equal(["Ada", "Ben", "Ada", "Ben"], enriched.Segments.Select(s => s.Speaker));
        Assert.Equal(["line 0", "line 1", "line 2", "line 3"], enriched.Segments.Select(s => s.Text));
        Assert.Equal(
            [("diarization", 10), ("identification", 60), ("enrichment", 80), ("completed", 100)],
            host.Jobs.Phases("aligned").Select(p => (p.Phase!, p.Percent!.Value)));

        // Missing audio: the record says which, and the diarization is not retried.
        Assert.Equal(OrchestrationRuntimeStatus.Failed, results[2].RuntimeStatus);
        var missing = (await host.Jobs.GetAsync("missing"))!;
        Assert.Equal(JobStatus.Failed, missing.Status);
        Assert.Contains("uploads/nothing.wav", missing.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(1, await host.ScheduledAsync("missing", nameof(DiarizeAudioActivity)));

        // The provider choice, three phases, three stages, publish.
        Assert.Equal(8, (await host.Engine.Engine.HistoryAsync("aligned")).OfType<DurableTask.Core.History.TaskScheduledEvent>().Count());
        var replayer = new HistoryReplayer(host.Engine.Engine);
        foreach (var jobId in new[] { "marathon", "aligned", "missing" })
        {
            var replay = await replayer.ReplayAsync(jobId);
            Assert.NotNull(replay.Completion);
            AssertReplayIssuesNothingNew(replay, $"{jobId}: {string.Join(", ", replay.NewActions)}");
        }
    }

    private static async Task UploadAsync(PodcastTestHost host, string key, int bytes)
    {
        using var audio = new MemoryStream(new byte[bytes]);
        await host.Blobs.PutAsync(key, audio, "audio/wav");
    }

    private static Task<OrchestrationMetadata> RunAsync(PodcastTestHost host, string jobId, DiarizationRequest request)
        => host.Engine.RunAsync(nameof(DiarizationWorkflow), new DiarizationJob { JobId = jobId, Request = request }, jobId);

    /// <summary>
    /// Replay schedules nothing new; a failed instance may end in a failure completion whose text differs from the
    /// recorded one, which is still no new work.
    /// </summary>
    private static void AssertReplayIssuesNothingNew(ReplayResult replay, string because)
        => Assert.True(
            replay.NewActions.All(a => a is DurableTask.Core.Command.OrchestrationCompleteOrchestratorAction { OrchestrationStatus: DurableTask.Core.OrchestrationStatus.Failed } && replay.RecordedStatus == DurableTask.Core.OrchestrationStatus.Failed),
            because);
}
