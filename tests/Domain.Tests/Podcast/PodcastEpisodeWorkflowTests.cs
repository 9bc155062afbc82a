using Pipeline.Domain.Durable;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Podcast;
using Pipeline.Domain.Podcast.Activities;
using Pipeline.Domain.Podcast.Workflows;
using Pipeline.Runtime.Testing;

namespace Pipeline.Domain.Tests.Podcast;

public sealed class PodcastEpisodeWorkflowTests
{
    [Fact]
    public async Task RunAsync_Interview_RecordShowsEachPhaseInOrderAndThePublishedEpisode()
    {
        await using var host = new PodcastTestHost();
        await host.Jobs.CreateAsync(RecordingJobRepository.NewRecord("episode-1", JobType.PodcastEpisode));

        var result = await RunAsync(host, "episode-1", PodcastRequests.Interview());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(
            [("outline", 10), ("script", 40), ("audio", 70), ("upload", 90), ("completed", 100)],
            host.Jobs.Phases("episode-1").Select(p => (p.Phase!, p.Percent!.Value)));
        var record = (await host.Jobs.GetAsync("episode-1"))!;
        Assert.Equal(JobStatus.Completed, record.Status);
        Assert.Equal("Episode about tide pools", record.Output!.Title);
        Assert.Equal(PodcastBlobKeys.Episode("episode-1"), record.Output.References[PublishEpisodeActivity.AudioReference].Key);
        Assert.Equal((6, 6, 0), (record.Progress.Total, record.Progress.Succeeded, record.Progress.Failed));
    }

    [Fact]
    public async Task RunAsync_Interview_TranscriptHasTheScriptLinesInOrderWithContiguousTimes()
    {
        await using var host = new PodcastTestHost();
        await host.Jobs.CreateAsync(RecordingJobRepository.NewRecord("episode-2", JobType.PodcastEpisode));

        await RunAsync(host, "episode-2", PodcastRequests.Interview());

        var script = await JsonBlob.GetAsync<PodcastScript>(host.Blobs, PodcastBlobKeys.Script("episode-2"), CancellationToken.None);
        var transcript = await JsonBlob.GetAsync<EpisodeTranscript>(host.Blobs, PodcastBlobKeys.Transcript("episode-2"), CancellationToken.None);
        Assert.Equal(script.Lines.Select(l => (l.SpeakerId, l.Text)), transcript.Segments.Select(s => (s.SpeakerId, s.Text)));
        Assert.Equal(0, transcript.Segments[0].Start);
        Assert.All(transcript.Segments.Zip(transcript.Segments.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        Assert.Equal(transcript.Duration, transcript.Segments[^1].End, 3);
    }

    [Fact]
    public async Task RunAsync_AnyFormat_HistoryNeverCarriesTheScriptText()
    {
        await using var host = new PodcastTestHost();
        await host.Jobs.CreateAsync(RecordingJobRepository.NewRecord("episode-3", JobType.PodcastEpisode));

        await RunAsync(host, "episode-3", PodcastRequests.Adventure());

        var payloads = host.Runtime.Runtime.ListInstances()
            .SelectMany(i => host.Runtime.Runtime.GetHistory(i.InstanceId)!)
            .Select(e => e.Payload ?? string.Empty);
        Assert.DoesNotContain(payloads, p => p.Contains("Secret line number", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ScriptWriterRefuses_RecordFailedWithTheErrorAndWorkflowFails()
    {
        await using var host = new PodcastTestHost();
        host.Writer.ScriptFailure = GenerationException.Permanent("fake-llm", "content policy: the topic was refused");
        await host.Jobs.CreateAsync(RecordingJobRepository.NewRecord("episode-4", JobType.PodcastEpisode));

        var result = await RunAsync(host, "episode-4", PodcastRequests.Debate());

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var record = (await host.Jobs.GetAsync("episode-4"))!;
        Assert.Equal(JobStatus.Failed, record.Status);
        Assert.Equal(typeof(Assets.PermanentAssetException).FullName, record.Error!.Type);
        Assert.Contains("content policy: the topic was refused", record.Error.Message, StringComparison.Ordinal);
        Assert.Equal(["outline", "script"], host.Jobs.Phases("episode-4").Select(p => p.Phase));
        // A permanent failure is not retried.
        Assert.Equal(1, host.Runtime.Runtime.GetCounters("episode-4")!.ActivityExecutions[nameof(WriteScriptActivity)]);
    }

    [Fact]
    public async Task RunAsync_SegmentRefused_EpisodeNotAssembledAndRecordSaysWhichFailed()
    {
        await using var host = new PodcastTestHost();
        host.Speech.FailOn = "Secret line number 3 ";
        await host.Jobs.CreateAsync(RecordingJobRepository.NewRecord("episode-5", JobType.PodcastEpisode));

        var result = await RunAsync(host, "episode-5", PodcastRequests.Interview());

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var record = (await host.Jobs.GetAsync("episode-5"))!;
        Assert.Equal(JobStatus.Failed, record.Status);
        Assert.Equal(typeof(EpisodeAudioIncompleteException).FullName, record.Error!.Type);
        Assert.Contains("1 of 6 segments", record.Error.Message, StringComparison.Ordinal);
        Assert.False(await host.Blobs.ExistsAsync(PodcastBlobKeys.Episode("episode-5")));
    }

    [Fact]
    public async Task Replay_PodcastEpisode_IssuesIdenticalCommands()
    {
        await using var host = new PodcastTestHost();
        host.Writer.Lines = 9;
        await host.Jobs.CreateAsync(RecordingJobRepository.NewRecord("episode-6", JobType.PodcastEpisode));
        await RunAsync(host, "episode-6", PodcastRequests.Debate());

        var replay = WorkflowReplayer.Replay(new PodcastEpisodeWorkflow(), nameof(PodcastEpisodeWorkflow), "episode-6", host.Runtime.Runtime.GetHistory("episode-6")!);

        Assert.True(replay.IsDeterministic, string.Join(Environment.NewLine, replay.ReplayedCommands));
        Assert.Contains(replay.RecordedCommands, c => c.Contains(nameof(AssembleEpisodeActivity), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replay_FailedEpisode_IssuesIdenticalCommandsIncludingTheFailurePath()
    {
        await using var host = new PodcastTestHost();
        host.Writer.ScriptFailure = GenerationException.Permanent("fake-llm", "refused");
        await host.Jobs.CreateAsync(RecordingJobRepository.NewRecord("episode-7", JobType.PodcastEpisode));
        await RunAsync(host, "episode-7", PodcastRequests.Interview());

        var replay = WorkflowReplayer.Replay(new PodcastEpisodeWorkflow(), nameof(PodcastEpisodeWorkflow), "episode-7", host.Runtime.Runtime.GetHistory("episode-7")!);

        Assert.True(replay.IsDeterministic, string.Join(Environment.NewLine, replay.ReplayedCommands));
        Assert.Contains(replay.RecordedCommands, c => c.Contains("FailJobActivity", StringComparison.Ordinal));
    }

    private static Task<OrchestrationMetadata> RunAsync(PodcastTestHost host, string jobId, PodcastEpisodeRequest request)
        => host.Runtime.RunAsync(nameof(PodcastEpisodeWorkflow), new PodcastEpisodeJob { JobId = jobId, Request = request }, jobId);
}
