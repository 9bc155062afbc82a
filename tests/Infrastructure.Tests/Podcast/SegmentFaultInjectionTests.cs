using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Podcast;
using Pipeline.Domain.Podcast.Activities;
using Pipeline.Infrastructure.Media.FaultInjection;
using Pipeline.Testing;
using Xunit.Abstractions;

namespace Pipeline.Infrastructure.Tests.Podcast;

public sealed class SegmentFaultInjectionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_ThirtyPercentTransientSpeechFailures_EachSegmentVoicedOnceAndOnlyFailedAttemptsRetried()
    {
        var injector = new FaultInjector(Options.Create(new FaultInjectionOptions { Enabled = true, Seed = 20_261, TransientRate = 0.3 }), TimeProvider.System);
        await using var host = await PodcastHost.StartAsync((speech, log) =>
            new CountingSpeechGenerator(new FaultInjectingSpeechGenerator(new CountingSpeechGenerator(speech, log, "voiced:"), injector), log, "attempt:"));
        var request = PodcastEpisodeEndToEndTests.Request(PodcastFormat.Debate) with { Options = new PodcastEpisodeOptions { Turns = 3, MaxAttempts = 10 } };

        var result = await host.RunEpisodeAsync("faulty-debate", request);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var script = await JsonBlob.GetAsync<PodcastScript>(host.Blobs, PodcastBlobKeys.Script("faulty-debate"), CancellationToken.None);
        var injected = 0;
        foreach (var line in script.Lines)
        {
            var voice = script.SpeakerOf(line).Voice;
            var key = FaultInjector.Key(line.Text, voice.Name, voice.Pitch.ToString(System.Globalization.CultureInfo.InvariantCulture), voice.SpeedWordsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var failures = 0;
            while (injector.Decide(nameof(ISpeechGenerator), key, failures + 1).Fault is not null)
            {
                failures++;
            }

            injected += failures;
            Assert.Equal(1, host.Log.Count("voiced:" + line.Text));
            Assert.Equal(failures + 1, host.Log.Count("attempt:" + line.Text));
        }

        var executions = 0;
        foreach (var instance in await host.Engine.Engine.InstancesOfJobAsync("faulty-debate"))
        {
            executions += (await host.Engine.Engine.HistoryAsync(instance)).OfType<DurableTask.Core.History.TaskScheduledEvent>().Count(e => e.Name == nameof(SynthesizeSegmentActivity));
        }

        output.WriteLine($"{script.Lines.Count} segments, {injected} injected transient failures, {executions} segment activity executions");
        Assert.True(injected >= 2, $"only {injected} failures were injected; the test would prove little");
        Assert.Equal(script.Lines.Count + injected, executions);
    }
}
