using Microsoft.DurableTask.Client;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Podcast;
using Pipeline.Domain.Podcast.Diarization;
using Pipeline.Infrastructure.Podcast;
using Pipeline.Infrastructure.Tests.Media;
using Xunit.Abstractions;

namespace Pipeline.Infrastructure.Tests.Podcast;

/// <summary>A generated debate diarized by the local providers and scored against its own script.</summary>
public sealed class DebateDiarizationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Diarize_GeneratedDebate_RecoversTheTurnsAndNamesTheSpeakers()
    {
        await using var host = await PodcastHost.StartAsync();
        var request = EpisodeRequest();
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.RunEpisodeAsync("debate-source", request)).RuntimeStatus);

        // Enrol each voice from a sentence that is not in the episode.
        var registry = new Dictionary<string, VoiceFeatures>();
        foreach (var speaker in request.Speakers())
        {
            await using var sample = await host.Speech.SynthesizeAsync("This is a short sample of my voice, recorded for the speaker registry. Thank you.", speaker.Voice);
            registry[speaker.Name] = await EnergyPitchDiarizer.MeasureVoiceAsync(sample.Content);
        }

        var result = await host.RunDiarizationAsync("debate-diarized", new DiarizationRequest
        {
            Audio = PodcastBlobKeys.Episode("debate-source"),
            Transcript = PodcastBlobKeys.Transcript("debate-source"),
            SpeakerRegistry = registry,
        });

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var diarization = await JsonBlob.GetAsync<DiarizationResult>(host.Blobs, DiarizationBlobKeys.Segments("debate-diarized"), CancellationToken.None);
        var matches = await JsonBlob.GetAsync<List<SpeakerMatch>>(host.Blobs, DiarizationBlobKeys.Speakers("debate-diarized"), CancellationToken.None);
        output.WriteLine($"{diarization.Segments.Count} segments, speakers: {string.Join("; ", diarization.Speakers.Select(s => $"{s.Label} {s.Features.PitchHz:F0} Hz {s.Features.SpectralCentroidHz:F0} Hz {s.SpeechSeconds:F1} s"))}");
        output.WriteLine($"registry: {string.Join("; ", registry.Select(r => $"{r.Key} {r.Value.PitchHz:F0} Hz {r.Value.SpectralCentroidHz:F0} Hz"))}");
        output.WriteLine($"matches: {string.Join("; ", matches.Select(m => $"{m.Label} → {m.Name} ({m.Confidence:F2})"))}");

        // The reference: each line's audible span (its WAV without the leading and trailing silence) at its place in the episode.
        var transcript = await JsonBlob.GetAsync<EpisodeTranscript>(host.Blobs, PodcastBlobKeys.Transcript("debate-source"), CancellationToken.None);
        var reference = new List<(double Start, double End, string Speaker)>();
        foreach (var line in transcript.Segments)
        {
            var bytes = await host.ReadAsync(PodcastBlobKeys.Segment("debate-source", line.Index));
            var wav = MediaFiles.ParseWav(bytes);
            var (first, last) = PodcastEpisodeEndToEndTests.Audible(bytes, wav.DataOffset);
            reference.Add((line.Start + ((double)first / wav.SampleRate), line.Start + ((double)last / wav.SampleRate), line.Speaker));
        }

        var names = matches.ToDictionary(m => m.Label, m => m.Name);
        var hypothesis = diarization.Segments.Select(s => (s.Start, s.End, names[s.Speaker])).ToList();
        var score = DiarizationScore.Compute(reference, hypothesis);
        var forgiving = DiarizationScore.Compute(reference, hypothesis, collar: 0.25);
        output.WriteLine($"no collar: {score}");
        output.WriteLine($"0.25 s collar: {forgiving}");
        foreach (var speaker in request.Speakers())
        {
            var own = DiarizationScore.Compute(reference.Where(r => r.Speaker == speaker.Name).ToList(), hypothesis.Where(h => h.Item3 == speaker.Name).ToList());
            output.WriteLine($"{speaker.Name}: right speaker {own.Correct:P1}");
        }

        Assert.True(score.Correct >= 0.9, score.ToString());
        Assert.Equal(request.Speakers().Select(s => s.Name).Order(), matches.Select(m => m.Name).OfType<string>().Order());

        var record = (await host.Jobs.GetAsync("debate-diarized"))!;
        Assert.Equal(JobStatus.Completed, record.Status);
        Assert.Equal(transcript.Segments.Count, record.Output!.Counts["aligned"]);
        var enriched = await JsonBlob.GetAsync<EnrichedTranscript>(host.Blobs, DiarizationBlobKeys.Transcript("debate-diarized"), CancellationToken.None);
        var agree = enriched.Segments.Count(s => s.Speaker == s.TranscriptSpeaker);
        output.WriteLine($"enriched transcript: {agree} of {enriched.Segments.Count} lines attributed to their script speaker");
        Assert.Equal(enriched.Segments.Count, agree);
    }

    private static PodcastEpisodeRequest EpisodeRequest() => new()
    {
        Format = PodcastFormat.Debate,
        Topic = "cities should ban cars from their centres",
        Moderator = new PodcastPerson { Name = "Morgan", Voice = new PodcastVoice { Pitch = 50 } },
        Debaters =
        [
            new PodcastPerson { Name = "Priya", Voice = new PodcastVoice { Pitch = 95 } },
            new PodcastPerson { Name = "Conrad", Voice = new PodcastVoice { Pitch = 5 } },
        ],
        Options = new PodcastEpisodeOptions { Turns = 2 },
    };
}
