using System.Security.Cryptography;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Podcast.Activities;
using Pipeline.Domain.Podcast.Diarization;
using Pipeline.Infrastructure.Podcast;
using Pipeline.Testing;
using Pipeline.Worker;
using Xunit.Abstractions;

namespace Pipeline.Infrastructure.Tests.Podcast;

/// <summary>
/// Diarization jobs on the real engine with <c>Pipeline:Diarization:Provider</c> = PyannoteAI, the adapter pointed
/// at a local server that speaks pyannoteAI's routes.
/// </summary>
public sealed class HostedDiarizationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private PyannoteProtocolServer _server = null!;

    public async Task InitializeAsync() => _server = await PyannoteProtocolServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Diarize_PyannoteAI_UploadsPollsOnDurableTimersAndStoresTheMappedSegments()
    {
        _server.RunningPolls = 2;
        await using var host = await StartHostAsync("test-key");
        var audio = RandomNumberGenerator.GetBytes(256 * 1024);
        await host.Blobs.PutAsync("uploads/meeting.wav", new MemoryStream(audio), "audio/wav");

        var result = await host.RunDiarizationAsync("hosted-1", new DiarizationRequest { Audio = "uploads/meeting.wav", Speakers = 2 });

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);

        // The audio reached the provider byte for byte, and the job was asked for two speakers of that media.
        var upload = Assert.Single(_server.Uploads);
        Assert.Equal("pipeline/hosted-1/audio", upload.Key);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(audio)), upload.Value.Sha256);
        var start = Assert.Single(_server.DiarizeRequests);
        Assert.Equal("media://pipeline/hosted-1/audio", start["url"]!.GetValue<string>());
        Assert.Equal(2, start["numSpeakers"]!.GetValue<int>());

        // The provider's segments, mapped: time order, labels S1, S2 in order of first speech.
        var stored = await JsonBlob.GetAsync<DiarizationResult>(host.Blobs, DiarizationBlobKeys.Segments("hosted-1"), CancellationToken.None);
        Assert.Equal(
            [new DiarizedSegment(0.5, 4.25, "S1"), new DiarizedSegment(4.5, 9.0, "S2"), new DiarizedSegment(9.25, 12.0, "S1")],
            stored.Segments);
        Assert.Equal(["S1", "S2"], stored.Speakers.Select(s => s.Label));
        Assert.Equal(6.5, stored.Speakers[0].SpeechSeconds, 3);
        Assert.Equal(12.0, stored.Duration, 3);
        var record = (await host.Jobs.GetAsync("hosted-1"))!;
        Assert.Equal(JobStatus.Completed, record.Status);
        var enriched = await JsonBlob.GetAsync<EnrichedTranscript>(host.Blobs, DiarizationBlobKeys.Transcript("hosted-1"), CancellationToken.None);
        Assert.Equal(3, enriched.Segments.Count);

        // The workflow waited: a durable timer of the poll interval before every poll, polls until the job succeeded,
        // no local diarization.
        var history = await host.Engine.Engine.HistoryAsync("hosted-1");
        var polls = history.OfType<TaskScheduledEvent>().Where(e => e.Name == nameof(GetDiarizationJobActivity)).ToList();
        Assert.Equal(_server.RunningPolls + 1, polls.Count);
        Assert.Equal(polls.Count, _server.Requests("jobs"));
        Assert.DoesNotContain(history.OfType<TaskScheduledEvent>(), e => e.Name == "DiarizeAudioActivity");
        var timers = history.OfType<TimerCreatedEvent>().ToList();
        Assert.Equal(polls.Count, timers.Count);
        Assert.Equal(polls.Count, history.OfType<TimerFiredEvent>().Count());
        var order = history.Where(e => e is TimerFiredEvent || (e is TaskScheduledEvent t && t.Name == nameof(GetDiarizationJobActivity))).ToList();
        for (var i = 0; i < order.Count; i += 2)
        {
            Assert.IsType<TimerFiredEvent>(order[i]);
            Assert.IsType<TaskScheduledEvent>(order[i + 1]);
        }

        foreach (var poll in polls)
        {
            // No activity sleeps: each poll's activity answered well within a poll interval.
            var done = history.OfType<TaskCompletedEvent>().Single(e => e.TaskScheduledId == poll.EventId);
            Assert.True(done.Timestamp - poll.Timestamp < PollInterval, $"a poll took {done.Timestamp - poll.Timestamp}");
        }

        foreach (var timer in timers)
        {
            Assert.True(timer.FireAt - timer.Timestamp >= PollInterval - TimeSpan.FromMilliseconds(50), $"timer of {timer.FireAt - timer.Timestamp}");
        }

        // Each poll is one quick call after its timer: the server saw them a poll interval apart (the backend rounds a
        // timer's queue delay down to whole seconds, so a timer may fire up to a second early).
        var times = _server.PollTimes.ToList();
        output.WriteLine($"polls at {string.Join(", ", times.Select(t => t.ToString("HH:mm:ss.fff")))}");
        for (var i = 1; i < times.Count; i++)
        {
            Assert.True(times[i] - times[i - 1] >= PollInterval - TimeSpan.FromSeconds(1), $"polls {times[i] - times[i - 1]} apart");
        }

        var replay = await new HistoryReplayer(host.Engine.Engine).ReplayAsync("hosted-1");
        Assert.True(replay.IssuedNoNewActions, string.Join(Environment.NewLine, replay.NewActions.Select(a => $"{a.OrchestratorActionType} {a.Id}")));
        var bytes = await host.Engine.Engine.HistoryPayloadBytesOfJobAsync("hosted-1");
        output.WriteLine($"{history.Count} events, {bytes:N0} payload bytes of history");
        Assert.True(bytes < 16 * 1024, $"{bytes} bytes of history");
    }

    [Fact]
    public async Task Diarize_PyannoteAIOnAWav_ClustersMeasuredAndNamedFromTheRegistry()
    {
        _server.RunningPolls = 0;
        _server.Segments = [("SPEAKER_00", 0, 3), ("SPEAKER_01", 3.5, 6.5), ("SPEAKER_00", 7, 10)];
        await using var host = await StartHostAsync("test-key");
        var recording = SyntheticVoices.Wav([(110, 3), (220, 3), (110, 3)]);
        await host.Blobs.PutAsync("uploads/two-voices.wav", new MemoryStream(recording), "audio/wav");
        var registry = new Dictionary<string, VoiceFeatures>
        {
            ["Low"] = await EnergyPitchDiarizer.MeasureVoiceAsync(new MemoryStream(SyntheticVoices.Wav([(110, 2)]))),
            ["High"] = await EnergyPitchDiarizer.MeasureVoiceAsync(new MemoryStream(SyntheticVoices.Wav([(220, 2)]))),
        };

        var result = await host.RunDiarizationAsync("hosted-named", new DiarizationRequest { Audio = "uploads/two-voices.wav", SpeakerRegistry = registry });

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var stored = await JsonBlob.GetAsync<DiarizationResult>(host.Blobs, DiarizationBlobKeys.Segments("hosted-named"), CancellationToken.None);
        output.WriteLine(string.Join("; ", stored.Speakers.Select(s => $"{s.Label} {s.Features.PitchHz:F0} Hz {s.Features.SpectralCentroidHz:F0} Hz")));
        Assert.InRange(stored.Speakers[0].Features.PitchHz, 100, 120);
        Assert.InRange(stored.Speakers[1].Features.PitchHz, 200, 240);
        Assert.Equal(10.5, stored.Duration, 2);
        var enriched = await JsonBlob.GetAsync<EnrichedTranscript>(host.Blobs, DiarizationBlobKeys.Transcript("hosted-named"), CancellationToken.None);
        Assert.Equal(["Low", "High", "Low"], enriched.Segments.Select(s => s.Speaker));
    }

    [Fact]
    public async Task Diarize_JobFailsAtTheProvider_DiarizationFailedWithTheProvidersReason()
    {
        _server.RunningPolls = 1;
        _server.FailureReason = "Audio decoding failed: unsupported codec.";
        await using var host = await StartHostAsync("test-key");
        await host.Blobs.PutAsync("uploads/broken.wav", new MemoryStream([1, 2, 3, 4]), "audio/wav");

        var result = await host.RunDiarizationAsync("hosted-failed", new DiarizationRequest { Audio = "uploads/broken.wav" });

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var record = (await host.Jobs.GetAsync("hosted-failed"))!;
        Assert.Equal(JobStatus.Failed, record.Status);
        Assert.Equal("permanent-failure", record.Error!.Type);
        Assert.EndsWith("failed: Audio decoding failed: unsupported codec.", record.Error.Message, StringComparison.Ordinal);
        output.WriteLine(record.Error.Message);

        // A permanent failure is not retried: the failed job was read once after its running poll.
        Assert.Equal(2, _server.Requests("jobs"));
        Assert.False(await host.Blobs.ExistsAsync(DiarizationBlobKeys.Segments("hosted-failed")));
    }

    [Fact]
    public async Task Diarize_KeyRefused_DiarizationFailedNamingTheKeySettingWithoutRetries()
    {
        await using var host = await StartHostAsync("not-the-key");
        await host.Blobs.PutAsync("uploads/meeting.wav", new MemoryStream([1, 2, 3, 4]), "audio/wav");

        var result = await host.RunDiarizationAsync("hosted-401", new DiarizationRequest { Audio = "uploads/meeting.wav" });

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var record = (await host.Jobs.GetAsync("hosted-401"))!;
        Assert.Equal(JobStatus.Failed, record.Status);
        Assert.Contains("Pipeline:Diarization:ApiKey", record.Error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", record.Error.Message, StringComparison.Ordinal);
        output.WriteLine(record.Error.Message);
        Assert.Equal(1, _server.Requests("media/input"));
        Assert.Equal(0, _server.Requests("upload"));
    }

    [Fact]
    public async Task Diarize_JobStillRunningAfterTheTimeout_DiarizationFailedNamingTheTimeoutSetting()
    {
        _server.RunningPolls = int.MaxValue;
        await using var host = await StartHostAsync("test-key", timeout: TimeSpan.FromSeconds(3));
        await host.Blobs.PutAsync("uploads/long.wav", new MemoryStream([1, 2, 3, 4]), "audio/wav");

        var result = await host.RunDiarizationAsync("hosted-slow", new DiarizationRequest { Audio = "uploads/long.wav" });

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var record = (await host.Jobs.GetAsync("hosted-slow"))!;
        Assert.Equal(JobStatus.Failed, record.Status);
        Assert.Equal("diarization-timeout", record.Error!.Type);
        Assert.Contains("Pipeline:Diarization:Timeout", record.Error.Message, StringComparison.Ordinal);
        output.WriteLine(record.Error.Message);

        // The workflow stopped polling once the timeout had passed in its own time.
        var history = await host.Engine.Engine.HistoryAsync("hosted-slow");
        var start = history.OfType<TaskScheduledEvent>().Single(e => e.Name == nameof(StartDiarizationJobActivity)).EventId;
        var started = history.OfType<TaskCompletedEvent>().Single(e => e.TaskScheduledId == start).Timestamp;
        var lastPoll = history.OfType<TaskScheduledEvent>().Last(e => e.Name == nameof(GetDiarizationJobActivity)).Timestamp;
        Assert.InRange(_server.Requests("jobs"), 1, 4);
        Assert.True(lastPoll - started >= TimeSpan.FromSeconds(2), $"last poll {lastPoll - started} after the start");
    }

    private Task<PodcastHost> StartHostAsync(string apiKey, TimeSpan? timeout = null) => PodcastHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Pipeline:Diarization:Provider"] = "PyannoteAI",
        ["Pipeline:Diarization:Endpoint"] = _server.Endpoint.ToString(),
        ["Pipeline:Diarization:ApiKey"] = apiKey,
        ["Pipeline:Diarization:PollInterval"] = PollInterval.ToString(),
        ["Pipeline:Diarization:Timeout"] = (timeout ?? TimeSpan.FromMinutes(30)).ToString(),
    });
}
