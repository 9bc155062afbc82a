using Microsoft.DurableTask.Client;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Podcast;
using Pipeline.Domain.Podcast.Activities;
using Pipeline.Domain.Podcast.Workflows;
using Pipeline.Testing;
using Pipeline.Worker;

namespace Pipeline.Domain.Tests.Podcast;

public sealed class PodcastEpisodeWorkflowTests
{
    [Fact]
    public async Task RunAsync_InterviewAndAdventure_PublishEachPhaseInOrderATimedTranscriptAndKeepTheScriptOutOfHistory()
    {
        await using var host = await PodcastTestHost.StartAsync();
        await host.Jobs.CreateAsync(RecordingJobRepository.NewRecord("episode-1", JobType.PodcastEpisode));
        await host.Jobs.CreateAsync(RecordingJobRepository.NewRecord("episode-2", JobType.PodcastEpisode));

        var results = await Task.WhenAll(RunAsync(host, "episode-1", PodcastRequests.Interview()), RunAsync(host, "episode-2", PodcastRequests.Adventure()));

        Assert.All(results, r => Assert.Equal(OrchestrationRuntimeStatus.Completed, r.RuntimeStatus));
        Assert.Equal(
            [("outline", 10), ("script", 40), ("audio", 70), ("upload", 90), ("completed", 100)],
            host.Jobs.Phases("episode-1").Select(p => (p.Phase!, p.Percent!.Value)));
        var record = (await host.Jobs.GetAsync("episode-1"))!;
        Assert.Equal(JobStatus.Completed, record.Status);
        Assert.Equal("Episode about tide pools", record.Output!.Title);
        Assert.Equal(PodcastBlobKeys.Episode("episode-1"), record.Output.References[PublishEpisodeActivity.AudioReference].Key);
        Assert.Equal((6, 6, 0), (record.Progress.Total, record.Progress.Succeeded, record.Progress.Failed));

        var script = await JsonBlob.GetAsync<PodcastScript>(host.Blobs, PodcastBlobKeys.Script("episode-1"), CancellationToken.None);
        var transcript = await JsonBlob.GetAsync<EpisodeTranscript>(host.Blobs, PodcastBlobKeys.Transcript("episode-1"), CancellationToken.None);
        Assert.Equal(script.Lines.Select(l => (l.SpeakerId, l.Text)), transcript.Segments.Select(s => (s.SpeakerId, s.Text)));
        Assert.Equal(0, transcript.Segments[0].Start);
        Assert.All(transcript.Segments.Zip(transcript.Segments.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        Assert.Equal(transcript.Duration, transcript.Segments[^1].End, 3);

        foreach (var jobId in new[] { "episode-1", "episode-2" })
        {
            Assert.Equal(JobStatus.Completed, (await host.Jobs.GetAsync(jobId))!.Status);
            foreach (var id in await host.Engine.Engine.InstancesOfJobAsync(jobId))
            {
                var payloads = await host.Engine.Engine.HistoryAsync(id);
                Assert.DoesNotContain(payloads, e => Newtonsoft.Json.JsonConvert.SerializeObject(e).Contains("Secret line number", StringComparison.Ordinal));
            }

            var replay = await new HistoryReplayer(host.Engine.Engine).ReplayAsync(jobId);
            Assert.NotNull(replay.Completion);
            AssertReplayIssuesNothingNew(replay, string.Join(", ", replay.NewActions));
            Assert.Equal(1, await host.ScheduledAsync(jobId, nameof(AssembleEpisodeActivity)));
        }
    }

    [Fact]
    public async Task RunAsync_ScriptRefusedOrSegmentRefused_RecordFailedWithTheErrorWithoutRetryAndReplaysTheFailurePath()
    {
        await using var host = await PodcastTestHost.StartAsync();
        host.Writer.ScriptFailure = GenerationException.Permanent("fake-llm", "content policy: the topic was refused");
        host.Writer.ScriptFailureTopic = PodcastRequests.Debate().Topic;
        host.Speech.FailOn = "Secret line number 3 about tide pools";
        await host.Jobs.CreateAsync(RecordingJobRepository.NewRecord("episode-4", JobType.PodcastEpisode));
        await host.Jobs.CreateAsync(RecordingJobRepository.NewRecord("episode-5", JobType.PodcastEpisode));

        var results = await Task.WhenAll(RunAsync(host, "episode-4", PodcastRequests.Debate()), RunAsync(host, "episode-5", PodcastRequests.Interview()));

        Assert.All(results, r => Assert.Equal(OrchestrationRuntimeStatus.Failed, r.RuntimeStatus));
        var refused = (await host.Jobs.GetAsync("episode-4"))!;
        Assert.Equal(JobStatus.Failed, refused.Status);
        Assert.Equal(Assets.ErrorCodes.Permanent, refused.Error!.Type);
        Assert.Contains("content policy: the topic was refused", refused.Error.Message, StringComparison.Ordinal);
        Assert.Equal(["outline", "script"], host.Jobs.Phases("episode-4").Select(p => p.Phase));
        Assert.Equal(1, await host.ScheduledAsync("episode-4", nameof(WriteScriptActivity)));

        var incomplete = (await host.Jobs.GetAsync("episode-5"))!;
        Assert.Equal(JobStatus.Failed, incomplete.Status);
        Assert.Equal("episode-audio-incomplete", incomplete.Error!.Type);
        Assert.Contains("1 of 6 segments", incomplete.Error.Message, StringComparison.Ordinal);
        Assert.False(await host.Blobs.ExistsAsync(PodcastBlobKeys.Episode("episode-5")));
        Assert.Equal(0, await host.ScheduledAsync("episode-5", nameof(AssembleEpisodeActivity)));

        foreach (var jobId in new[] { "episode-4", "episode-5" })
        {
            Assert.Equal(1, await host.ScheduledAsync(jobId, "FailJobActivity"));
            var replay = await new HistoryReplayer(host.Engine.Engine).ReplayAsync(jobId);
            Assert.NotNull(replay.Completion);
            AssertReplayIssuesNothingNew(replay, string.Join(", ", replay.NewActions));
        }
    }

    private static Task<OrchestrationMetadata> RunAsync(PodcastTestHost host, string jobId, PodcastEpisodeRequest request)
        => host.Engine.RunAsync(nameof(PodcastEpisodeWorkflow), new PodcastEpisodeJob { JobId = jobId, Request = request }, jobId);

    /// <summary>
    /// Replay schedules nothing new; a failed instance may end in a failure completion whose text differs from the
    /// recorded one, which is still no new work.
    /// </summary>
    private static void AssertReplayIssuesNothingNew(ReplayResult replay, string because)
        => Assert.True(
            replay.NewActions.All(a => a is DurableTask.Core.Command.OrchestrationCompleteOrchestratorAction { OrchestrationStatus: DurableTask.Core.OrchestrationStatus.Failed } && replay.RecordedStatus == DurableTask.Core.OrchestrationStatus.Failed),
            because);
}
